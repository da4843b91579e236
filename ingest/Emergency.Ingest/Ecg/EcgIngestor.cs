using System.Buffers;
using Emergency.Domain.Devices;
using Emergency.Domain.Ecg.Wire;
using Emergency.Grains.Devices;
using Emergency.Ingest.Decoding;
using Emergency.Ingest.Dispatch;
using Emergency.Ingest.Hosting;
using Emergency.Ingest.Journaling;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Emergency.Ingest.Ecg;

/// <summary>
/// Takes one binary ECG frame from a device (MQTT topic <c>…/ambulance/{unitId}/ecg</c> or the raw socket
/// gateway): decodes it, attributes it to the patient on board, makes it durable in the journal, stores it, puts it
/// in the patient's ring and tells the listeners. Completes only once the block is journaled and stored, so an
/// acknowledgement means durable; a block that could not be made durable throws and is not acknowledged.
/// </summary>
public sealed class EcgIngestor(
    IGrainFactory grains,
    IFrameJournal journal,
    EcgStore store,
    EcgRings rings,
    EcgMetrics metrics,
    IEnumerable<IEcgBlockListener> listeners,
    TimeProvider time,
    IOptions<MqttIngestOptions> mqttOptions,
    ILogger<EcgIngestor> logger)
{
    private readonly IEcgBlockListener[] _listeners = [.. listeners];
    private readonly TimeSpan _maxFutureSkew = mqttOptions.Value.MaxFutureSkew;

    public async Task<EcgIngestResult> Ingest(string region, string unitId, ReadOnlySequence<byte> payload, CancellationToken cancellationToken)
    {
        if (!EcgFrameDecoder.TryDecode(payload, out var frame, out var refusal))
        {
            metrics.Refused(refusal.Reason);
            return new(FrameVerdict.Refused($"{refusal.Code}: {refusal.Text}"), true, null);
        }
        var block = frame.ToBlock();
        var startsAt = DateTimeOffset.FromUnixTimeMilliseconds(block.StartUnixMs);
        if (DeviceClockCheck.TooFarAhead("ecg start", startsAt, time.GetUtcNow(), _maxFutureSkew) is { } skew)
        {
            metrics.RefusedState();
            return new(FrameVerdict.Refused(skew), true, block.Seq);
        }

        var unit = await grains.GetGrain<IAmbulanceGrain>(unitId).GetState();
        if (unit?.PatientId is not { } patientId)
        {
            metrics.RefusedState();
            return new(FrameVerdict.Refused($"no patient on board {unitId}: send a status with the patientId before the ECG"), false, block.Seq);
        }

        var receivedAt = time.GetUtcNow();
        var record = new FrameRecord(TopicChannel.Ecg, DeviceKind.Ambulance, region, unitId, patientId, block.Seq,
            receivedAt, FrameOutcome.Applied, payload.ToArray());
        await journal.AppendAsync([record.Encode()], cancellationToken);
        if (!store.Add(patientId, unitId, block))
        {
            metrics.Duplicate();
            return new(FrameVerdict.Duplicate.For(patientId), false, block.Seq);
        }

        if (rings.Add(patientId, unitId, block, out var previousSeq) && previousSeq is { } before && block.Seq > before + 1)
        {
            metrics.Lost(block.Seq - before - 1);
            logger.LogWarning("ECG of {PatientId} from {UnitId}: frames {From}..{To} missing", patientId, unitId, before + 1, block.Seq - 1);
        }
        metrics.Accepted();
        foreach (var listener in _listeners)
        {
            try
            {
                listener.OnBlock(region, patientId, unitId, block);
            }
            catch (Exception ex)
            {
                // The block is durable; a listener's fault must not refuse it.
                logger.LogError(ex, "ECG listener {Listener} failed for {PatientId}", listener.GetType().Name, patientId);
            }
        }
        return new(FrameVerdict.Applied.For(patientId), false, block.Seq);
    }
}
