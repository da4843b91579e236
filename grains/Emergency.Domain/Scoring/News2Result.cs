namespace Emergency.Domain.Scoring;

/// <summary>
/// A NEWS2 result. Each parameter score is null when that parameter had no (fresh) value;
/// <see cref="Total"/> then counts only what is known and <see cref="Complete"/> is false.
/// </summary>
[GenerateSerializer, Immutable, Alias("Emergency.News2Result")]
public readonly record struct News2Result(
    [property: Id(0)] int Total,
    [property: Id(1)] News2Risk Risk,
    [property: Id(2)] bool Complete,
    [property: Id(3)] int? Rr,
    [property: Id(4)] int? Spo2,
    [property: Id(5)] int? O2,
    [property: Id(6)] int? Sbp,
    [property: Id(7)] int? Hr,
    [property: Id(8)] int? Acvpu,
    [property: Id(9)] int? Temp);
