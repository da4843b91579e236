using System.Buffers;
using Emergency.Domain.Ambulances;
using Emergency.Grains.Devices;
using Emergency.Ingest.Decoding;
using Emergency.Ingest.Ecg;
using Emergency.Ingest.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Emergency.Ingest.Dispatch;

/// <summary>
/// Turns one raw publish (topic + payload bytes) into an applied frame or a refusal with a reason. Knows nothing of
/// the broker: the embedded broker and an external-broker subscriber both call it.
/// </summary>
public sealed class FrameIngestor(
    FrameDispatcher dispatcher,
    IngestMetrics metrics,
    TimeProvider time,
    IOptions<MqttIngestOptions> options,
    ILogger<FrameIngestor> logger,
    EcgIngestor? ecg = null)
{
    private readonly MqttIngestOptions _options = options.Value;

    public async Task<IngestResult> Ingest(string clientId, string topicName, ReadOnlySequence<byte> payload, CancellationToken cancellationToken)
    {
        if (!TopicParser.TryParse(topicName, out var topic, out var topicError))
        {
            metrics.RefusedTopic();
            return Refuse(RefusalKind.Topic, topicName, clientId, topicError!, seq: null);
        }
        try
        {
            var judged = topic.Channel switch
            {
                TopicChannel.Vitals => await IngestVitals(topic, payload, cancellationToken),
                TopicChannel.Position => await IngestPosition(topic, payload, cancellationToken),
                TopicChannel.Context => await IngestContext(topic, payload, cancellationToken),
                TopicChannel.Ecg => await IngestEcg(topic, payload, cancellationToken),
                _ => await IngestStatus(topic, payload, cancellationToken),
            };
            return Judge(topic, topicName, clientId, judged);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            metrics.Failed();
            logger.LogError(ex, "Frame on {Topic} could not be applied; not acknowledged, the device will resend", topicName);
            return IngestResult.Failed(ex.Message);
        }
    }

    private async Task<Judged> IngestVitals(DeviceTopic topic, ReadOnlySequence<byte> payload, CancellationToken ct)
    {
        if (!VitalsFrameDecoder.TryDecode(payload, out var frame, out var error, _options.MaxPayloadBytes))
        {
            return Judged.BadPayload(error!, null);
        }
        if (FutureSkew(frame!.Timestamp) is { } skew)
        {
            return Judged.BadPayload(skew, frame.Seq);
        }
        return new Judged(await dispatcher.Submit(topic, frame, payload, ct), RefusalKind.State, frame.Seq);
    }

    private async Task<Judged> IngestPosition(DeviceTopic topic, ReadOnlySequence<byte> payload, CancellationToken ct)
    {
        if (!PositionFrameDecoder.TryDecode(payload, out var frame, out var error, _options.MaxPayloadBytes))
        {
            return Judged.BadPayload(error!, null);
        }
        if (FutureSkew(frame!.Timestamp) is { } skew)
        {
            return Judged.BadPayload(skew, frame.Seq);
        }
        return new Judged(await dispatcher.Submit(topic, frame, payload, ct), RefusalKind.State, frame.Seq);
    }

    private async Task<Judged> IngestStatus(DeviceTopic topic, ReadOnlySequence<byte> payload, CancellationToken ct)
    {
        if (!StatusFrameDecoder.TryDecode(payload, out var frame, out var error, _options.MaxPayloadBytes))
        {
            return Judged.BadPayload(error!, null);
        }
        if (FutureSkew(frame!.Timestamp) is { } skew)
        {
            return Judged.BadPayload(skew, frame.Seq);
        }
        return new Judged(await dispatcher.Submit(topic, frame, payload, ct), RefusalKind.State, frame.Seq);
    }

    private async Task<Judged> IngestContext(DeviceTopic topic, ReadOnlySequence<byte> payload, CancellationToken ct)
    {
        if (!ContextFrameDecoder.TryDecode(payload, out var frame, out var error, _options.MaxPayloadBytes))
        {
            return Judged.BadPayload(error!, null);
        }
        if (FutureSkew(frame!.Timestamp) is { } skew)
        {
            return Judged.BadPayload(skew, frame.Seq);
        }
        return new Judged(await dispatcher.Submit(topic, frame, payload, ct), RefusalKind.State, frame.Seq);
    }

    /// <summary>Binary ECG goes to its own path (<see cref="EcgIngestor"/>): no grain call per block.</summary>
    private async Task<Judged> IngestEcg(DeviceTopic topic, ReadOnlySequence<byte> payload, CancellationToken ct)
    {
        if (ecg is null)
        {
            return new Judged(FrameVerdict.Refused("ECG is not taken by this service"), RefusalKind.State, null);
        }
        var result = await ecg.Ingest(topic.Region, topic.DeviceId, payload, ct);
        return new Judged(result.Verdict, result.RefusedForPayload ? RefusalKind.Payload : RefusalKind.State, result.Seq);
    }

    private string? FutureSkew(DateTimeOffset measuredAt) =>
        DeviceClockCheck.TooFarAhead("ts", measuredAt, time.GetUtcNow(), _options.MaxFutureSkew);

    private IngestResult Judge(DeviceTopic topic, string topicName, string clientId, Judged judged)
    {
        switch (judged.Verdict.Outcome)
        {
            case FrameOutcome.Applied:
                metrics.Accepted();
                return IngestResult.Accepted;
            case FrameOutcome.GapFilled:
                metrics.GapFilled();
                return IngestResult.Accepted;
            case FrameOutcome.Duplicate:
                metrics.Duplicate();
                return IngestResult.Duplicate;
            default:
                if (judged.RefusedAs == RefusalKind.Payload) metrics.RefusedPayload(); else metrics.RefusedState();
                return Refuse(judged.RefusedAs, topicName, clientId, judged.Verdict.Reason ?? "refused", judged.Seq,
                    TopicParser.RejectTopic(topic.Region, topic.DeviceId));
        }
    }

    private IngestResult Refuse(RefusalKind kind, string topicName, string clientId, string reason, long? seq, string? rejectTopic = null)
    {
        if (rejectTopic is null && TopicParser.TryGetRejectAddress(topicName, out var region, out var deviceId))
        {
            rejectTopic = TopicParser.RejectTopic(region, deviceId);
        }
        logger.LogWarning("Refused {Kind} publish from client {ClientId} on {Topic} (seq {Seq}): {Reason}",
            kind, clientId, topicName, seq, reason);
        return new IngestResult(IngestOutcome.Refused, kind, reason, rejectTopic, seq);
    }

    /// <summary>A verdict, what kind of refusal it is if refused, and the frame's seq when it could be read.</summary>
    private readonly record struct Judged(FrameVerdict Verdict, RefusalKind RefusedAs, long? Seq)
    {
        public static Judged BadPayload(string reason, long? seq) => new(FrameVerdict.Refused(reason), RefusalKind.Payload, seq);
    }
}
