namespace Emergency.History;

/// <summary>Argument rules and bucket arithmetic shared by every <see cref="IVitalsHistory"/> implementation.</summary>
public static class HistoryQuery
{
    /// <summary>Most buckets one query may return (a week at one-minute steps is 10,080: use a coarser step).</summary>
    public const int MaxBuckets = 10_000;

    /// <summary>
    /// Checks a query's arguments and returns them in Unix milliseconds.
    /// </summary>
    /// <exception cref="ArgumentException">See <see cref="IVitalsHistory.QueryAsync"/>.</exception>
    public static (long FromMs, long ToMs, long StepMs) Validate(string patientId, DateTimeOffset from, DateTimeOffset to, TimeSpan step)
    {
        var (fromMs, toMs) = ValidateRange(patientId, from, to);
        if (step <= TimeSpan.Zero)
        {
            throw new ArgumentException($"step must be positive, was {step}.", nameof(step));
        }
        if (step.Ticks % TimeSpan.TicksPerMillisecond != 0)
        {
            throw new ArgumentException($"step must be a whole number of milliseconds, was {step}.", nameof(step));
        }
        var stepMs = step.Ticks / TimeSpan.TicksPerMillisecond;
        var buckets = BucketCount(fromMs, toMs, stepMs);
        if (buckets > MaxBuckets)
        {
            throw new ArgumentException(
                $"from {from:O} to {to:O} in steps of {step} is {buckets} buckets; at most {MaxBuckets} are allowed: use a larger step or a shorter range.",
                nameof(step));
        }
        return (fromMs, toMs, stepMs);
    }

    /// <summary>Checks a patient id and a time range and returns the range in Unix milliseconds.</summary>
    public static (long FromMs, long ToMs) ValidateRange(string patientId, DateTimeOffset from, DateTimeOffset to)
    {
        ArgumentException.ThrowIfNullOrEmpty(patientId);
        var fromMs = from.ToUnixTimeMilliseconds();
        var toMs = to.ToUnixTimeMilliseconds();
        if (fromMs >= toMs)
        {
            throw new ArgumentException($"from ({from:O}) must be before to ({to:O}) by at least a millisecond.", nameof(from));
        }
        return (fromMs, toMs);
    }

    /// <summary>Start of the bucket holding <paramref name="timeMs"/>: the largest multiple of the step not after it.</summary>
    public static long BucketStart(long timeMs, long stepMs)
    {
        var r = timeMs % stepMs;
        return r < 0 ? timeMs - r - stepMs : timeMs - r;
    }

    /// <summary>Number of epoch-aligned buckets that overlap [fromMs, toMs).</summary>
    public static long BucketCount(long fromMs, long toMs, long stepMs)
    {
        var first = BucketStart(fromMs, stepMs);
        var last = BucketStart(toMs - 1, stepMs);
        return (last - first) / stepMs + 1;
    }
}
