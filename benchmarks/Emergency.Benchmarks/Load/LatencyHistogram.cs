namespace Emergency.Benchmarks.Load;

/// <summary>
/// Latencies in fixed buckets (10 µs up to 100 ms, then 1 ms up to 60 s), recorded lock-free from any thread, so a
/// run of millions of frames keeps a constant footprint and percentiles stay exact to the bucket width.
/// </summary>
public sealed class LatencyHistogram
{
    private const long FineTicks = TimeSpan.TicksPerMillisecond / 100;      // 10 µs
    private const int FineBuckets = 10_000;                                 // up to 100 ms
    private const int CoarseBuckets = 60_000;                               // 1 ms each, up to 60 s
    private readonly long[] _counts = new long[FineBuckets + CoarseBuckets + 1];
    private long _count;
    private long _maxTicks;

    public long Count => Interlocked.Read(ref _count);

    public void Record(TimeSpan latency)
    {
        var ticks = Math.Max(0, latency.Ticks);
        var bucket = ticks < FineBuckets * FineTicks
            ? (int)(ticks / FineTicks)
            : FineBuckets + (int)Math.Min(CoarseBuckets, (ticks - FineBuckets * FineTicks) / TimeSpan.TicksPerMillisecond);
        Interlocked.Increment(ref _counts[bucket]);
        Interlocked.Increment(ref _count);
        var max = Interlocked.Read(ref _maxTicks);
        while (ticks > max)
        {
            var seen = Interlocked.CompareExchange(ref _maxTicks, ticks, max);
            if (seen == max) break;
            max = seen;
        }
    }

    public LatencySummary Summarize()
    {
        var total = Count;
        if (total == 0) return new LatencySummary(0, null, null, null, null);
        return new LatencySummary(total, Percentile(0.50, total), Percentile(0.95, total), Percentile(0.99, total),
            Interlocked.Read(ref _maxTicks) / (double)TimeSpan.TicksPerMillisecond);
    }

    /// <summary>
    /// The upper edge of the bucket holding the q-th value, in milliseconds, but never above the largest value seen
    /// (in the 1 ms buckets the edge can lie past the maximum, which would report p99 &gt; max).
    /// </summary>
    private double Percentile(double q, long total)
    {
        var rank = (long)Math.Ceiling(q * total);
        long seen = 0;
        for (var i = 0; i < _counts.Length; i++)
        {
            seen += Interlocked.Read(ref _counts[i]);
            if (seen >= rank)
            {
                var edge = i < FineBuckets ? (i + 1) * 0.01 : 100 + (i - FineBuckets + 1);
                return Math.Min(edge, Interlocked.Read(ref _maxTicks) / (double)TimeSpan.TicksPerMillisecond);
            }
        }
        return Interlocked.Read(ref _maxTicks) / (double)TimeSpan.TicksPerMillisecond;
    }
}

/// <summary>Count and percentiles in milliseconds (null when nothing was recorded).</summary>
public sealed record LatencySummary(long Count, double? P50, double? P95, double? P99, double? Max);
