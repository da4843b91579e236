namespace Emergency.Domain.Scoring;

/// <summary>The change of the shock index between an earlier reading and the current one.</summary>
/// <param name="Current">The shock index now.</param>
/// <param name="Earlier">The shock index at the start of the look-back.</param>
/// <param name="Delta"><paramref name="Current"/> minus <paramref name="Earlier"/>: positive when it rose.</param>
/// <param name="CurrentAt">When the current reading was measured.</param>
/// <param name="EarlierAt">When the earlier reading was measured.</param>
[GenerateSerializer, Immutable, Alias("Emergency.ShockIndexTrend")]
public readonly record struct ShockIndexTrend(
    [property: Id(0)] double Current,
    [property: Id(1)] double Earlier,
    [property: Id(2)] double Delta,
    [property: Id(3)] DateTimeOffset CurrentAt,
    [property: Id(4)] DateTimeOffset EarlierAt);
