using System.Globalization;

namespace Emergency.Domain.Scoring;

/// <summary>One deterioration pattern found, with the values it compared.</summary>
/// <param name="Kind">Which rule fired.</param>
/// <param name="From">The value at the start of the window (NEWS2: the lowest total in it; vitals: the median of the start segment).</param>
/// <param name="To">The value now (NEWS2: the latest total; vitals: the median of the end segment).</param>
/// <param name="Window">The window the rule looks over.</param>
[GenerateSerializer, Immutable, Alias("Emergency.TrendFinding")]
public readonly record struct TrendFinding(
    [property: Id(0)] TrendKind Kind,
    [property: Id(1)] double From,
    [property: Id(2)] double To,
    [property: Id(3)] TimeSpan Window)
{
    /// <summary>How much the value moved in the rule's direction (always positive for a finding).</summary>
    public double Magnitude => Kind is TrendKind.News2Rising or TrendKind.HrRising ? To - From : From - To;

    /// <summary>A line for people, e.g. "SpO2 fell 5 in 5 min (97 → 92)".</summary>
    public string Reason
    {
        get
        {
            var (name, verb) = Kind switch
            {
                TrendKind.News2Rising => ("NEWS2", "rose"),
                TrendKind.Spo2Falling => ("SpO2", "fell"),
                TrendKind.HrRising => ("HR", "rose"),
                TrendKind.SbpFalling => ("SBP", "fell"),
                _ => (Kind.ToString(), "changed"),
            };
            return $"{name} {verb} {Format(Magnitude)} in {FormatSpan(Window)} ({Format(From)} → {Format(To)})";
        }
    }

    internal static string Format(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);

    internal static string FormatSpan(TimeSpan span) =>
        span.TotalMinutes >= 1 && span.Ticks % TimeSpan.TicksPerMinute == 0
            ? $"{(long)span.TotalMinutes} min"
            : $"{Format(span.TotalSeconds)} s";
}
