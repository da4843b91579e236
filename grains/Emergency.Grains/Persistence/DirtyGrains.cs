using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace Emergency.Grains.Persistence;

/// <inheritdoc cref="IDirtyGrains"/>
public sealed class DirtyGrains : IDirtyGrains
{
    private readonly ConcurrentDictionary<GrainId, byte> _dirty = new();
    private long _writes;
    private long _failures;
    private long _lost;

    public DirtyGrains(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create("Emergency.Grains.Persistence");
        meter.CreateObservableCounter("emergency.state.snapshot.writes", () => Volatile.Read(ref _writes));
        meter.CreateObservableCounter("emergency.state.snapshot.failures", () => Volatile.Read(ref _failures));
        meter.CreateObservableCounter("emergency.state.snapshot.lost", () => Volatile.Read(ref _lost));
        meter.CreateObservableGauge("emergency.state.dirty_grains", () => _dirty.Count);
    }

    public void MarkDirty(GrainId grain) => _dirty.TryAdd(grain, 0);

    public IReadOnlyCollection<GrainId> TakeAll()
    {
        var taken = new List<GrainId>(_dirty.Count);
        foreach (var grain in _dirty.Keys)
        {
            if (_dirty.TryRemove(grain, out _))
            {
                taken.Add(grain);
            }
        }
        return taken;
    }

    public void Written() => Interlocked.Increment(ref _writes);

    public void Failed(bool lost)
    {
        Interlocked.Increment(ref _failures);
        if (lost)
        {
            Interlocked.Increment(ref _lost);
        }
    }

    public PersistenceCounters Counters => new(Volatile.Read(ref _writes), Volatile.Read(ref _failures), Volatile.Read(ref _lost));
}
