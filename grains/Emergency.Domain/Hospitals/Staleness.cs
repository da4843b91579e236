namespace Emergency.Domain.Hospitals;

/// <summary>
/// Whether a capacity report is too old to trust. A report is stale when it is strictly older than the maximum
/// age: exactly <see cref="DefaultMaxAge"/> old is still fresh, one tick more is stale. A report time in the future
/// (a reporter's clock ahead of ours) counts as age zero.
/// </summary>
/// <remarks>
/// The 60-minute default is an operational choice, not a published standard: ED occupancy changes within the hour,
/// so an hour-old "1 resus bay free" says little. Regions with scheduled hourly reporting may want some slack above
/// the reporting interval.
/// </remarks>
public static class Staleness
{
    /// <summary>Default maximum age of a capacity report: 60 minutes.</summary>
    public static readonly TimeSpan DefaultMaxAge = TimeSpan.FromMinutes(60);

    /// <summary>How old a report made at <paramref name="updatedAt"/> is at <paramref name="now"/>; never negative.</summary>
    public static TimeSpan Age(DateTimeOffset updatedAt, DateTimeOffset now) =>
        now > updatedAt ? now - updatedAt : TimeSpan.Zero;

    /// <summary>Stale under <see cref="DefaultMaxAge"/>.</summary>
    public static bool IsStale(DateTimeOffset updatedAt, DateTimeOffset now) => IsStale(updatedAt, now, DefaultMaxAge);

    /// <summary>Whether a report made at <paramref name="updatedAt"/> is older than <paramref name="maxAge"/> at <paramref name="now"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxAge"/> is negative.</exception>
    public static bool IsStale(DateTimeOffset updatedAt, DateTimeOffset now, TimeSpan maxAge)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxAge, TimeSpan.Zero);
        return Age(updatedAt, now) > maxAge;
    }
}
