namespace Emergency.DeviceSim.Transport;

/// <summary>
/// Drift-free periodic schedule: tick <c>n</c> is due at <c>start + n × interval</c>, computed from the start
/// rather than by adding delays, so lateness never accumulates. A tick that runs more than one interval late
/// skips the slots that already passed instead of bursting to catch up.
/// </summary>
internal struct TickSchedule
{
    private readonly long _startTicks;
    private readonly long _intervalTicks;

    public TickSchedule(DateTimeOffset start, TimeSpan interval)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(interval, TimeSpan.Zero);
        _startTicks = start.UtcTicks;
        _intervalTicks = interval.Ticks;
    }

    /// <summary>Index of the next tick to run.</summary>
    public long Index { get; private set; }

    /// <summary>Ticks skipped so far because they were already past when the previous one finished.</summary>
    public long Skipped { get; private set; }

    public readonly DateTimeOffset NextDue => DueAt(Index);

    public readonly DateTimeOffset DueAt(long index) => new(_startTicks + index * _intervalTicks, TimeSpan.Zero);

    /// <summary>Marks the current tick done at <paramref name="now"/>; returns the due time of the next one (always after the previous slot).</summary>
    public DateTimeOffset Complete(DateTimeOffset now)
    {
        var next = Index + 1;
        var behind = now.UtcTicks - _startTicks;
        if (behind >= 0)
        {
            // The next slot strictly after now; only if the normal next slot is already more than an interval past.
            var latestSlotPassed = behind / _intervalTicks;
            if (latestSlotPassed > next)
            {
                Skipped += latestSlotPassed + 1 - next;
                next = latestSlotPassed + 1;
            }
        }

        Index = next;
        return NextDue;
    }
}
