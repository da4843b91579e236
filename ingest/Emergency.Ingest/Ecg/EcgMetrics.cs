using System.Diagnostics.Metrics;
using Emergency.Domain.Ecg.Wire;
using Emergency.Ingest.Hosting;

namespace Emergency.Ingest.Ecg;

/// <summary>
/// ECG counters (meter <c>Emergency.Ingest</c>): blocks accepted, resends, refusals by reason, frames lost by seq,
/// and live-push drops by slow viewers. Also a snapshot for <c>/health/ready</c>.
/// </summary>
public sealed class EcgMetrics : IDisposable
{
    private readonly Meter _meter;
    private long _accepted;
    private long _duplicates;
    private long _lostFrames;
    private long _failed;
    private long _viewerDrops;
    private readonly long[] _refused = new long[Enum.GetValues<EcgRefusalReason>().Length];
    private long _refusedState;

    public EcgMetrics(IMeterFactory meterFactory)
    {
        _meter = meterFactory.Create(IngestMetrics.MeterName);
        _meter.CreateObservableCounter("emergency.ecg.blocks.accepted", () => Volatile.Read(ref _accepted));
        _meter.CreateObservableCounter("emergency.ecg.blocks.duplicate", () => Volatile.Read(ref _duplicates));
        _meter.CreateObservableCounter("emergency.ecg.blocks.failed", () => Volatile.Read(ref _failed));
        _meter.CreateObservableCounter("emergency.ecg.frames.lost", () => Volatile.Read(ref _lostFrames));
        _meter.CreateObservableCounter("emergency.ecg.live.viewer_dropped", () => Volatile.Read(ref _viewerDrops));
        _meter.CreateObservableCounter("emergency.ecg.blocks.refused", () => Refusals()
            .Select(r => new Measurement<long>(r.Value, new KeyValuePair<string, object?>("reason", r.Key))));
    }

    public void Accepted() => Interlocked.Increment(ref _accepted);
    public void Duplicate() => Interlocked.Increment(ref _duplicates);
    public void Failed() => Interlocked.Increment(ref _failed);
    public void Lost(long frames) => Interlocked.Add(ref _lostFrames, frames);
    public void Refused(EcgRefusalReason reason) => Interlocked.Increment(ref _refused[(int)reason]);
    /// <summary>Refused for the state it found (no patient on board, clock skew), not for its bytes.</summary>
    public void RefusedState() => Interlocked.Increment(ref _refusedState);
    /// <summary>A slow viewer's oldest live block dropped from its own buffer.</summary>
    public void ViewerDropped() => Interlocked.Increment(ref _viewerDrops);

    public EcgSnapshot Snapshot() => new(
        Volatile.Read(ref _accepted), Volatile.Read(ref _duplicates), Volatile.Read(ref _failed),
        Volatile.Read(ref _lostFrames), Volatile.Read(ref _viewerDrops), Refusals());

    private Dictionary<string, long> Refusals()
    {
        var refusals = Enum.GetValues<EcgRefusalReason>().Where(r => r != EcgRefusalReason.None)
            .ToDictionary(r => new EcgRefusal(r, "").Code, r => Volatile.Read(ref _refused[(int)r]));
        refusals["ecg_state"] = Volatile.Read(ref _refusedState);
        return refusals;
    }

    public void Dispose() => _meter.Dispose();
}

/// <summary>What <c>/health/ready</c> shows of the ECG path.</summary>
public sealed record EcgSnapshot(long Accepted, long Duplicates, long Failed, long LostFrames, long ViewerDropped,
    IReadOnlyDictionary<string, long> Refused);
