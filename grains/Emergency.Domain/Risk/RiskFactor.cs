namespace Emergency.Domain.Risk;

/// <summary>One feature that pushed a risk estimate up, with how much (model units) and the feature's value.</summary>
[GenerateSerializer, Immutable, Alias("Emergency.RiskFactor")]
public sealed record RiskFactor(
    [property: Id(0)] string Feature,
    [property: Id(1)] float Contribution,
    [property: Id(2)] float? Value);
