using System.Collections.Immutable;

namespace Emergency.Domain.Risk;

/// <summary>
/// A deterioration-risk estimate: the model's calibrated probability of a deterioration event within 30 minutes
/// (<see cref="DeteriorationLabel"/>), which model gave it, when, and the features that raised it most.
/// </summary>
/// <param name="Probability">0–1.</param>
/// <param name="ModelVersion">The scoring model's version (its manifest).</param>
/// <param name="TrainedOn">What the model was trained on, e.g. "simulated cohort …; not validated for clinical use".</param>
/// <param name="ScoredAt">Measurement time the features were built for.</param>
/// <param name="AboveThreshold">The probability is at or above the alert threshold.</param>
/// <param name="TopFactors">Largest positive feature contributions, largest first.</param>
[GenerateSerializer, Immutable, Alias("Emergency.RiskAssessment")]
public sealed record RiskAssessment(
    [property: Id(0)] float Probability,
    [property: Id(1)] string ModelVersion,
    [property: Id(2)] string TrainedOn,
    [property: Id(3)] DateTimeOffset ScoredAt,
    [property: Id(4)] bool AboveThreshold,
    [property: Id(5)] ImmutableArray<RiskFactor> TopFactors);
