namespace Emergency.Domain.Scoring;

/// <summary>A shock index with its band and the two readings it was computed from.</summary>
/// <param name="Value">Heart rate divided by systolic pressure, unrounded.</param>
/// <param name="Band">The band of <paramref name="Value"/>.</param>
/// <param name="Hr">Heart rate (beats/min) used.</param>
/// <param name="Sbp">Systolic pressure (mmHg) used.</param>
[GenerateSerializer, Immutable, Alias("Emergency.ShockIndexResult")]
public readonly record struct ShockIndexResult(
    [property: Id(0)] double Value,
    [property: Id(1)] ShockIndexBand Band,
    [property: Id(2)] double Hr,
    [property: Id(3)] double Sbp);
