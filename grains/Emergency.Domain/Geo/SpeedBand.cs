namespace Emergency.Domain.Geo;

/// <summary>
/// An average emergency-driving speed that applies between two local times of day:
/// <paramref name="Start"/> inclusive to <paramref name="End"/> exclusive. A band whose end is earlier than its
/// start wraps past midnight (22:00–02:00). Start and end must differ.
/// </summary>
/// <param name="Name">A label for logs and explanations ("night", "morning rush").</param>
/// <param name="Start">Local time the band begins (inclusive).</param>
/// <param name="End">Local time the band ends (exclusive).</param>
/// <param name="SpeedKmh">Average speed over the road distance, km/h; finite and above 0.</param>
public sealed record SpeedBand(string Name, TimeOnly Start, TimeOnly End, double SpeedKmh)
{
    /// <summary>Whether the local time of day <paramref name="time"/> falls in this band.</summary>
    public bool Contains(TimeOnly time) =>
        Start < End
            ? time >= Start && time < End
            : time >= Start || time < End;
}
