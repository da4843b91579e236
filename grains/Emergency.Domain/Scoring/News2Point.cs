namespace Emergency.Domain.Scoring;

/// <summary>
/// A NEWS2 total at one time, with which parameters it was computed from. Totals are only compared between points
/// scored on the same parameters: a total that rises because a parameter became known (or falls because one went
/// stale) is not a change in the patient.
/// </summary>
/// <param name="At">When the score was computed.</param>
/// <param name="Total">The NEWS2 total.</param>
/// <param name="KnownParameters">
/// Bit set of the parameters that were scored, in chart order: bit 0 respiration rate, 1 SpO2, 2 air or oxygen,
/// 3 systolic pressure, 4 pulse, 5 consciousness, 6 temperature.
/// </param>
[GenerateSerializer, Immutable, Alias("Emergency.News2Point")]
public readonly record struct News2Point(
    [property: Id(0)] DateTimeOffset At,
    [property: Id(1)] int Total,
    [property: Id(2)] byte KnownParameters)
{
    /// <summary>The mask when all seven parameters are known.</summary>
    public const byte AllParameters = 0x7F;

    /// <summary>The point for <paramref name="result"/> computed at <paramref name="at"/>.</summary>
    public static News2Point From(DateTimeOffset at, in News2Result result)
    {
        int mask = (result.Rr.HasValue ? 1 : 0)
            | (result.Spo2.HasValue ? 2 : 0)
            | (result.O2.HasValue ? 4 : 0)
            | (result.Sbp.HasValue ? 8 : 0)
            | (result.Hr.HasValue ? 16 : 0)
            | (result.Acvpu.HasValue ? 32 : 0)
            | (result.Temp.HasValue ? 64 : 0);
        return new News2Point(at, result.Total, (byte)mask);
    }
}
