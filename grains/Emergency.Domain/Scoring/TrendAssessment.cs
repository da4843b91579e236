using System.Collections.Immutable;

namespace Emergency.Domain.Scoring;

/// <summary>What <see cref="TrendRules.Evaluate"/> found: the changes it measured and the rules that fired.</summary>
[GenerateSerializer, Immutable, Alias("Emergency.TrendAssessment")]
public sealed record TrendAssessment
{
    /// <summary>Nothing measured, nothing found.</summary>
    public static readonly TrendAssessment None = new();

    [Id(0)] private readonly ImmutableArray<TrendFinding> _findings = [];

    /// <summary>NEWS2 change over <see cref="TrendOptions.News2ShortWindow"/> (5 min); null without a comparable baseline.</summary>
    [Id(1)] public int? News2ChangeShort { get; init; }

    /// <summary>NEWS2 change over <see cref="TrendOptions.News2LongWindow"/> (15 min); null without a comparable baseline.</summary>
    [Id(2)] public int? News2ChangeLong { get; init; }

    /// <summary>SpO2 over <see cref="TrendOptions.Spo2Window"/>; null when either segment has too few readings.</summary>
    [Id(3)] public ParameterTrend? Spo2 { get; init; }

    /// <summary>Heart rate over <see cref="TrendOptions.HrWindow"/>; null when either segment has too few readings.</summary>
    [Id(4)] public ParameterTrend? Hr { get; init; }

    /// <summary>Systolic pressure over <see cref="TrendOptions.SbpWindow"/>; null when either segment has too few readings.</summary>
    [Id(5)] public ParameterTrend? Sbp { get; init; }

    /// <summary>The rules that fired, in <see cref="TrendKind"/> order. Never default.</summary>
    public ImmutableArray<TrendFinding> Findings
    {
        get => _findings.IsDefault ? [] : _findings;
        init => _findings = value.IsDefault ? [] : value;
    }

    /// <summary>At least one rule fired.</summary>
    public bool Any => !Findings.IsEmpty;

    /// <summary>Whether the rule of <paramref name="kind"/> fired.</summary>
    public bool Has(TrendKind kind)
    {
        foreach (var finding in Findings)
        {
            if (finding.Kind == kind) return true;
        }
        return false;
    }
}
