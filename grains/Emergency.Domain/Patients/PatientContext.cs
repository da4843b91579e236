using System.Collections.Immutable;

namespace Emergency.Domain.Patients;

/// <summary>
/// What the crew knows about a patient beyond the vital signs: it decides which scores apply and how they are read.
/// Every field is optional (null: not recorded); nothing is inferred from a missing value.
/// </summary>
/// <remarks>
/// Wire names are the camelCase property names. <see cref="Validate"/> reports every problem at once, each message
/// starting with the wire name of the field it concerns.
/// </remarks>
[GenerateSerializer, Immutable, Alias("Emergency.PatientContext")]
public sealed record PatientContext
{
    /// <summary>Oldest accepted age, in whole years.</summary>
    public const int MaxAgeYears = 130;

    /// <summary>Most trauma red-flag criteria accepted.</summary>
    public const int MaxTraumaRedCriteria = 20;

    /// <summary>Longest accepted trauma criterion text.</summary>
    public const int MaxCriterionLength = 100;

    /// <summary>The accepted <see cref="Sex"/> codes.</summary>
    public static readonly ImmutableArray<string> SexCodes = ["female", "male", "other", "unknown"];

    [Id(6)] private readonly ImmutableArray<string> _traumaRedCriteria = [];

    /// <summary>Age in whole years, 0–130.</summary>
    [Id(0)] public int? AgeYears { get; init; }

    /// <summary>One of <see cref="SexCodes"/>: <c>female</c>, <c>male</c>, <c>other</c>, <c>unknown</c>.</summary>
    [Id(1)] public string? Sex { get; init; }

    /// <summary>Known to be pregnant. NEWS2 does not apply in pregnancy.</summary>
    [Id(2)] public bool? Pregnant { get; init; }

    /// <summary>
    /// Confirmed hypercapnic respiratory failure with a prescribed SpO2 target of 88–92 %: selects NEWS2 SpO2 scale 2
    /// when a frame does not say (see <see cref="Scoring.News2Applicability.EffectiveSpo2Scale"/>).
    /// </summary>
    [Id(3)] public bool? HypercapnicRespiratoryFailure { get; init; }

    /// <summary>The working condition category.</summary>
    [Id(4)] public ConditionCategory? Condition { get; init; }

    /// <summary>Large-vessel occlusion suspected (stroke only): the patient may need a thrombectomy centre.</summary>
    [Id(5)] public bool? LvoSuspected { get; init; }

    /// <summary>
    /// Trauma red-flag criteria met (free text as the crew's triage tool names them, e.g. "penetrating torso injury").
    /// Never null; empty when none were recorded.
    /// </summary>
    public ImmutableArray<string> TraumaRedCriteria
    {
        get => _traumaRedCriteria.IsDefault ? [] : _traumaRedCriteria;
        init => _traumaRedCriteria = value.IsDefault ? [] : value;
    }

    /// <summary>Every problem with this context, each starting with the field's wire name; empty when valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();

        if (AgeYears is < 0 or > MaxAgeYears)
        {
            errors.Add($"ageYears: must be between 0 and {MaxAgeYears} (was {AgeYears})");
        }

        if (Sex is not null && !SexCodes.Contains(Sex))
        {
            errors.Add($"sex: must be one of {string.Join(", ", SexCodes)} (was \"{Sex}\")");
        }

        if (Pregnant == true && Sex == "male")
        {
            errors.Add("pregnant: cannot be true when sex is male");
        }

        if (Condition is { } condition && !Enum.IsDefined(condition))
        {
            errors.Add($"condition: not a defined category (was {(int)condition})");
        }

        if (LvoSuspected == true && Condition is { } c && c != ConditionCategory.Stroke)
        {
            errors.Add($"lvoSuspected: only applies to stroke (condition is {Describe(c)})");
        }

        var criteria = TraumaRedCriteria;
        if (criteria.Length > 0 && Condition is { } t && t != ConditionCategory.Trauma)
        {
            errors.Add($"traumaRedCriteria: only apply to trauma (condition is {Describe(t)})");
        }

        if (criteria.Length > MaxTraumaRedCriteria)
        {
            errors.Add($"traumaRedCriteria: at most {MaxTraumaRedCriteria} entries (was {criteria.Length})");
        }

        for (int i = 0; i < criteria.Length; i++)
        {
            string? criterion = criteria[i];
            if (string.IsNullOrWhiteSpace(criterion))
            {
                errors.Add($"traumaRedCriteria[{i}]: must not be empty");
            }
            else if (criterion.Length > MaxCriterionLength)
            {
                errors.Add($"traumaRedCriteria[{i}]: at most {MaxCriterionLength} characters (was {criterion.Length})");
            }
            else if (IndexOf(criteria, criterion, i) is int first)
            {
                errors.Add($"traumaRedCriteria[{i}]: repeats entry {first}");
            }
        }

        return errors;
    }

    /// <summary>True when <see cref="Validate"/> finds nothing.</summary>
    public bool IsValid => Validate().Count == 0;

    /// <summary>Value equality, comparing <see cref="TraumaRedCriteria"/> entry by entry.</summary>
    public bool Equals(PatientContext? other) =>
        other is not null
        && AgeYears == other.AgeYears
        && Sex == other.Sex
        && Pregnant == other.Pregnant
        && HypercapnicRespiratoryFailure == other.HypercapnicRespiratoryFailure
        && Condition == other.Condition
        && LvoSuspected == other.LvoSuspected
        && TraumaRedCriteria.SequenceEqual(other.TraumaRedCriteria);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(AgeYears);
        hash.Add(Sex);
        hash.Add(Pregnant);
        hash.Add(HypercapnicRespiratoryFailure);
        hash.Add(Condition);
        hash.Add(LvoSuspected);
        foreach (var criterion in TraumaRedCriteria) hash.Add(criterion);
        return hash.ToHashCode();
    }

    private static string Describe(ConditionCategory c) => Enum.IsDefined(c) ? c.ToCode() : ((int)c).ToString();

    private static int? IndexOf(ImmutableArray<string> items, string item, int before)
    {
        for (int j = 0; j < before; j++)
        {
            if (string.Equals(items[j], item, StringComparison.OrdinalIgnoreCase)) return j;
        }
        return null;
    }
}
