namespace Emergency.Domain.Devices;

/// <summary>
/// Which frames, per source device, a holder of derived state has applied, by the device's <c>seq</c>. It lets a
/// journal replay skip frames already in a snapshot whatever the device's own de-duplication remembers. A seq seen
/// before but measured after everything from that device means the device restarted its count: a new sequence begins
/// (the rule the device grains apply).
/// </summary>
[GenerateSerializer, Alias("Emergency.AppliedSeqs")]
public sealed class AppliedSeqs
{
    [Id(0)] private Dictionary<string, Source> _sources = new(StringComparer.Ordinal);

    /// <summary>Records the frame; false if it was applied before.</summary>
    public bool TryApply(string device, long seq, DateTimeOffset measuredAt)
    {
        if (!_sources.TryGetValue(device, out var source))
        {
            _sources[device] = source = new Source();
        }
        var observed = source.Seqs.Observe(seq);
        if (observed == SeqObservation.Duplicate)
        {
            if (source.NewestAt is { } newest && measuredAt > newest && seq < source.Seqs.HighWaterMark)
            {
                source.Seqs = new SeqTracker();
                source.Seqs.Observe(seq);
            }
            else
            {
                return false;
            }
        }
        if (source.NewestAt is null || measuredAt > source.NewestAt)
        {
            source.NewestAt = measuredAt;
        }
        return true;
    }

    /// <summary>Highest seq applied from <paramref name="device"/>; -1 if none.</summary>
    public long HighWaterMark(string device) => _sources.TryGetValue(device, out var s) ? s.Seqs.HighWaterMark : -1;

    [GenerateSerializer, Alias("Emergency.AppliedSeqs.Source")]
    public sealed class Source
    {
        [Id(0)] public SeqTracker Seqs { get; set; } = new();
        [Id(1)] public DateTimeOffset? NewestAt { get; set; }
    }
}
