using System.Diagnostics.Metrics;
using Emergency.Ingest.Security;

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
    private readonly long[] _deviceRefusals = new long[Enum.GetValues<DeviceRefusal>().Length];
    private long _unregisteredAccepted;
    private long _registryReloadFailures;

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
        _meter.CreateObservableCounter("emergency.ingest.security.refused", () => Enum.GetValues<DeviceRefusal>()
            .Select(r => new Measurement<long>(Volatile.Read(ref _deviceRefusals[(int)r]), new KeyValuePair<string, object?>("reason", r.ToLabel()))));
        _meter.CreateObservableCounter("emergency.ingest.security.unregistered_accepted", () => Volatile.Read(ref _unregisteredAccepted));
        _meter.CreateObservableCounter("emergency.ingest.security.registry_reload_failed", () => Volatile.Read(ref _registryReloadFailures));
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
    /// <summary>A connection, publish or subscription the device gate refused.</summary>
    public void RefusedDevice(DeviceRefusal refusal) => Interlocked.Increment(ref _deviceRefusals[(int)refusal]);
    /// <summary>Development mode let in a client the device registry does not know.</summary>
    public void UnregisteredAccepted() => Interlocked.Increment(ref _unregisteredAccepted);
    public void RegistryReloadFailed() => Interlocked.Increment(ref _registryReloadFailures);

    public IngestSnapshot Snapshot() => new(
        Volatile.Read(ref _accepted), Volatile.Read(ref _gapFilled), Volatile.Read(ref _duplicates),
        Volatile.Read(ref _refusedTopic), Volatile.Read(ref _refusedPayload), Volatile.Read(ref _refusedState),
        Volatile.Read(ref _failed), Volatile.Read(ref _queueOverwrites))
    {
        Security = new DeviceSecuritySnapshot(
            Enum.GetValues<DeviceRefusal>().ToDictionary(r => r.ToLabel(), r => Volatile.Read(ref _deviceRefusals[(int)r])),
            Volatile.Read(ref _unregisteredAccepted), Volatile.Read(ref _registryReloadFailures)),
    };

    public void Dispose() => _meter.Dispose();
}

public sealed record IngestSnapshot(
    long Accepted, long GapFilled, long Duplicates,
    long RefusedTopic, long RefusedPayload, long RefusedState,
    long Failed, long BrokerQueueOverwrites)
{
    /// <summary>The device gate: refusals by reason, unregistered clients let in by development mode, failed registry reloads.</summary>
    public DeviceSecuritySnapshot Security { get; init; } = DeviceSecuritySnapshot.Empty;
}

public sealed record DeviceSecuritySnapshot(IReadOnlyDictionary<string, long> Refused, long UnregisteredAccepted, long RegistryReloadFailures)
{
    public static DeviceSecuritySnapshot Empty { get; } = new(new Dictionary<string, long>(), 0, 0);
}
