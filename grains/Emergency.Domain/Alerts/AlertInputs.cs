using System.Collections.Immutable;
using Emergency.Domain.Patients;
using Emergency.Domain.Scoring;
using Emergency.Domain.Vitals;

namespace Emergency.Domain.Alerts;

/// <summary>
/// Everything one evaluation of <see cref="AlertStateMachine"/> looks at. Build it with <see cref="Assess"/> from the
/// confirmed vitals (<see cref="ArtefactFilter"/>), the patient context and the trends; a missing score raises
/// nothing of its kind.
/// </summary>
public sealed record AlertInputs
{
    /// <summary>Nothing known: no condition.</summary>
    public static readonly AlertInputs None = new();

    private readonly ImmutableArray<AlertCondition> _additional = [];

    /// <summary>NEWS2 of the confirmed vitals.</summary>
    public News2Result? News2 { get; init; }

    /// <summary>qSOFA of the confirmed vitals.</summary>
    public QsofaResult? Qsofa { get; init; }

    /// <summary>Shock index of the confirmed vitals.</summary>
    public ShockIndexResult? ShockIndex { get; init; }

    /// <summary>Trend findings (<see cref="TrendRules.Evaluate"/>).</summary>
    public TrendAssessment? Trends { get; init; }

    /// <summary>Whether NEWS2 applies to the patient. Default: it does.</summary>
    public News2ApplicabilityResult Applicability { get; init; } = News2ApplicabilityResult.Yes;

    /// <summary>Conditions found elsewhere, e.g. a <see cref="AlertKind.Predicted"/> warning. Never default.</summary>
    public ImmutableArray<AlertCondition> AdditionalConditions
    {
        get => _additional.IsDefault ? [] : _additional;
        init => _additional = value.IsDefault ? [] : value;
    }

    /// <summary>
    /// Scores <paramref name="confirmed"/> for alerting: NEWS2 on the effective SpO2 scale
    /// (<see cref="News2Applicability.EffectiveSpo2Scale"/>), qSOFA, shock index, and NEWS2 applicability from
    /// <paramref name="context"/>.
    /// </summary>
    /// <param name="confirmed">The vitals to score: <see cref="FilteredVitals.Confirmed"/>.</param>
    /// <param name="context">What is known about the patient; null for none (an adult, NEWS2 applies).</param>
    /// <param name="trends">Trend findings, if computed.</param>
    public static AlertInputs Assess(in VitalSigns confirmed, PatientContext? context = null, TrendAssessment? trends = null)
    {
        var vitals = confirmed with { Spo2Scale = News2Applicability.EffectiveSpo2Scale(context, confirmed.Spo2Scale) };
        return new AlertInputs
        {
            News2 = News2Calculator.Score(vitals),
            Qsofa = QsofaCalculator.Score(vitals),
            ShockIndex = Scoring.ShockIndex.Compute(vitals),
            Trends = trends,
            Applicability = News2Applicability.Evaluate(context),
        };
    }
}
