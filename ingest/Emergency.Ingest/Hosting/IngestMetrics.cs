using System.Diagnostics.Metrics;

namespace Emergency.Ingest.Hosting;

/// <summary>
/// What ingest did with every message: accepted, duplicate, refused (by reason class) and dropped, so that no
/// reading disappears without a trace. Exposed as <c>System.Diagnostics.Metrics</c> instruments (meter
/// <c>Emergency.Ingest</c>) and as a snapshot for the health endpoint.
/// </summary>
public sealed class IngestMetrics : IDisposable
{
    public const string MeterName = "Emergency.Ingest";

    private readonly Meter _meter;
    private long _accepted;
    private long _gapFilled;
    private long _duplicates;
    private long _refusedTopic;
    private long _refusedPayload;
    private long _refusedState;
    private long _failed;
    private long _queueOverwrites;

    public IngestMetrics(IMeterFactory meterFactory)
    {
        _meter = meterFactory.Create(MeterName);
        _meter.CreateObservableCounter("emergency.ingest.frames.accepted", () => Volatile.Read(ref _accepted));
        _meter.CreateObservableCounter("emergency.ingest.frames.gap_filled", () => Volatile.Read(ref _gapFilled));
        _meter.CreateObservableCounter("emergency.ingest.frames.duplicate", () => Volatile.Read(ref _duplicates));
        _meter.CreateObservableCounter("emergency.ingest.frames.refused", () => new[]
        {
            new Measurement<long>(Volatile.Read(ref _refusedTopic), new KeyValuePair<string, object?>("reason", "topic")),
            new Measurement<long>(Volatile.Read(ref _refusedPayload), new KeyValuePair<string, object?>("reason", "payload")),
            new Measurement<long>(Volatile.Read(ref _refusedState), new KeyValuePair<string, object?>("reason", "state")),
        });
        _meter.CreateObservableCounter("emergency.ingest.frames.failed", () => Volatile.Read(ref _failed));
        _meter.CreateObservableCounter("emergency.ingest.broker.queue_overwrites", () => Volatile.Read(ref _queueOverwrites));
    }

    public void Accepted() => Interlocked.Increment(ref _accepted);
    public void GapFilled() => Interlocked.Increment(ref _gapFilled);
    public void Duplicate() => Interlocked.Increment(ref _duplicates);
    public void RefusedTopic() => Interlocked.Increment(ref _refusedTopic);
    public void RefusedPayload() => Interlocked.Increment(ref _refusedPayload);
    public void RefusedState() => Interlocked.Increment(ref _refusedState);
    /// <summary>A frame that could not be handed to its grain; the device was not acknowledged and will resend.</summary>
    public void Failed() => Interlocked.Increment(ref _failed);
    public void QueueOverwrite() => Interlocked.Increment(ref _queueOverwrites);

    public IngestSnapshot Snapshot() => new(
        Volatile.Read(ref _accepted), Volatile.Read(ref _gapFilled), Volatile.Read(ref _duplicates),
        Volatile.Read(ref _refusedTopic), Volatile.Read(ref _refusedPayload), Volatile.Read(ref _refusedState),
        Volatile.Read(ref _failed), Volatile.Read(ref _queueOverwrites));

    public void Dispose() => _meter.Dispose();
}

public sealed record IngestSnapshot(
    long Accepted, long GapFilled, long Duplicates,
    long RefusedTopic, long RefusedPayload, long RefusedState,
    long Failed, long BrokerQueueOverwrites);
