namespace Emergency.Domain.Devices;

/// <summary>
/// Tracks one device's frame sequence numbers. A device numbers its frames with a strictly increasing,
/// non-negative <c>seq</c>: a repeat is a duplicate, a jump opens a gap, and store-and-forward replays may
/// later fill a gap with lower numbers.
/// </summary>
/// <remarks>
/// <para>
/// The first sequence number seen sets the baseline; nothing below it is counted as missing (a tracker
/// created mid-stream, or a device whose numbering does not start at 0, opens no gap).
/// </para>
/// <para>
/// A number below the lowest one seen has never been seen, so it is not a duplicate: it is a late frame from before
/// the first one that arrived (several nodes sharing a broker subscription apply a device's frames in any order).
/// It is taken as a gap fill and lowers the baseline; the numbers between it and the old baseline become a gap.
/// </para>
/// <para>
/// Memory is bounded: missing numbers are kept as inclusive (from, to) ranges, at most
/// <see cref="MaxOpenRanges"/> of them. When a jump or the split of a range by a gap fill would exceed the
/// bound, the oldest range — the lowest, since gaps open as the high-water mark rises — is forgotten and counted
/// in <see cref="ForgottenRanges"/>; its numbers are then reported as duplicates if they ever arrive.
/// </para>
/// <para>Not thread-safe: meant to live inside one grain (or one consumer).</para>
/// </remarks>
[GenerateSerializer, Alias("Emergency.SeqTracker")]
public sealed class SeqTracker
{
    public const int DefaultMaxOpenRanges = 64;

    // Disjoint, sorted by From; by construction also sorted by age.
    [Id(0)] private List<SeqRange> _missing;

    public SeqTracker()
        : this(DefaultMaxOpenRanges)
    {
    }

    /// <param name="maxOpenRanges">Most missing ranges kept open at once; at least 1.</param>
    public SeqTracker(int maxOpenRanges)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxOpenRanges, 1);
        MaxOpenRanges = maxOpenRanges;
        _missing = new List<SeqRange>(Math.Min(maxOpenRanges, 8));
    }

    /// <summary>Most missing ranges kept open at once.</summary>
    [Id(1)] public int MaxOpenRanges { get; private set; }

    /// <summary>Highest sequence number seen; -1 before the first.</summary>
    [Id(2)] public long HighWaterMark { get; private set; } = -1;

    /// <summary>Frames reported as <see cref="SeqObservation.Duplicate"/>.</summary>
    [Id(3)] public long Duplicates { get; private set; }

    /// <summary>Jumps over the high-water mark that opened a gap.</summary>
    [Id(4)] public long GapsOpened { get; private set; }

    /// <summary>Ranges dropped to keep at most <see cref="MaxOpenRanges"/> open.</summary>
    [Id(5)] public long ForgottenRanges { get; private set; }

    /// <summary>Frames reported as <see cref="SeqObservation.GapFill"/>.</summary>
    [Id(6)] public long GapFills { get; private set; }

    /// <summary>Lowest sequence number seen (meaningful once <see cref="HasSeen"/>).</summary>
    [Id(7)] public long LowWaterMark { get; private set; }

    /// <summary>Whether any sequence number has been observed.</summary>
    public bool HasSeen => HighWaterMark >= 0;

    /// <summary>The open missing ranges, lowest (oldest) first.</summary>
    public IReadOnlyList<SeqRange> MissingRanges => _missing;

    /// <summary>How many sequence numbers are still missing inside the open ranges (saturates at <see cref="long.MaxValue"/>).</summary>
    public long MissingCount
    {
        get
        {
            long count = 0;
            foreach (var range in _missing)
            {
                long size = range.Count;
                count = size > long.MaxValue - count ? long.MaxValue : count + size;
            }

            return count;
        }
    }

    /// <summary>Records one frame's sequence number and says what it was.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="seq"/> is negative.</exception>
    public SeqObservation Observe(long seq)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(seq);

        if (!HasSeen)
        {
            LowWaterMark = seq;
        }
        else if (seq < LowWaterMark)
        {
            if (seq + 1 < LowWaterMark)
            {
                GapsOpened++;
                _missing.Insert(0, new SeqRange(seq + 1, LowWaterMark - 1));
                TrimToBound();
            }

            LowWaterMark = seq;
            GapFills++;
            return SeqObservation.GapFill;
        }

        if (seq > HighWaterMark)
        {
            if (HasSeen && seq > HighWaterMark + 1)
            {
                GapsOpened++;
                _missing.Add(new SeqRange(HighWaterMark + 1, seq - 1));
                TrimToBound();
            }

            HighWaterMark = seq;
            return SeqObservation.New;
        }

        int index = FindRange(seq);
        if (index < 0)
        {
            Duplicates++;
            return SeqObservation.Duplicate;
        }

        var range = _missing[index];
        if (range.From == range.To)
        {
            _missing.RemoveAt(index);
        }
        else if (seq == range.From)
        {
            _missing[index] = range with { From = seq + 1 };
        }
        else if (seq == range.To)
        {
            _missing[index] = range with { To = seq - 1 };
        }
        else
        {
            _missing[index] = new SeqRange(range.From, seq - 1);
            _missing.Insert(index + 1, new SeqRange(seq + 1, range.To));
            TrimToBound();
        }

        GapFills++;
        return SeqObservation.GapFill;
    }

    /// <summary>Whether <paramref name="seq"/> lies inside an open missing range.</summary>
    public bool IsMissing(long seq) => FindRange(seq) >= 0;

    // Binary search over the sorted, disjoint ranges; the index of the range holding seq, or -1.
    private int FindRange(long seq)
    {
        int lo = 0;
        int hi = _missing.Count - 1;
        while (lo <= hi)
        {
            int mid = lo + ((hi - lo) >> 1);
            var range = _missing[mid];
            if (seq < range.From) hi = mid - 1;
            else if (seq > range.To) lo = mid + 1;
            else return mid;
        }

        return -1;
    }

    private void TrimToBound()
    {
        int excess = _missing.Count - MaxOpenRanges;
        if (excess <= 0) return;

        _missing.RemoveRange(0, excess);
        ForgottenRanges += excess;
    }
}
