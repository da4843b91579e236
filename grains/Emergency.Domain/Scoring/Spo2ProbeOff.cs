namespace Emergency.Domain.Scoring;

/// <summary>
/// A pulse oximeter whose probe has come off (or lost the pulse signal) reports SpO2 0, a value no living patient
/// shows. Such a reading is never scored and never counted in a trend.
/// </summary>
public static class Spo2ProbeOff
{
    /// <summary>SpO2 readings below this (those that round to 0) mean the probe is off.</summary>
    public const double Below = 0.5;

    /// <summary>Whether <paramref name="spo2"/> is a probe-off reading.</summary>
    public static bool Is(double spo2) => spo2 < Below;
}
