using Emergency.Domain.Risk;

namespace Emergency.Dashboard.Api;

/// <summary>The learned deterioration-risk estimate as the contract shows it, labelled with what the model is.</summary>
/// <param name="Probability">Probability (0–1) of a deterioration event within 30 minutes, rounded to 3 decimals.</param>
/// <param name="Label">What boards must show next to the number.</param>
public sealed record RiskDto(
    double Probability,
    bool AboveThreshold,
    string ModelVersion,
    string TrainedOn,
    string Label,
    DateTimeOffset ScoredAt,
    IReadOnlyList<RiskFactorDto> TopFactors)
{
    public const string SimulatedLabel = "simulated-data model, not for clinical use";
    public const string UnvalidatedLabel = "model not validated for clinical use";

    public static RiskDto From(RiskAssessment a) => new(
        Math.Round(a.Probability, 3),
        a.AboveThreshold,
        a.ModelVersion,
        a.TrainedOn,
        a.TrainedOn.Contains("simulated", StringComparison.OrdinalIgnoreCase) ? SimulatedLabel : UnvalidatedLabel,
        a.ScoredAt,
        a.TopFactors.IsDefault ? [] : a.TopFactors.Select(f => new RiskFactorDto(f.Feature, Math.Round(f.Contribution, 3), f.Value is { } v ? Math.Round(v, 2) : null)).ToList());
}

/// <summary>A feature that raised the estimate: its name (docs/risk-model.md), contribution (model units) and value.</summary>
public sealed record RiskFactorDto(string Feature, double Contribution, double? Value);
