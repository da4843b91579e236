namespace Emergency.Domain.Patients;

/// <summary>
/// A patient context as the crew sends it, in the body of <c>PUT /api/patients/{id}/context</c> and in a
/// <c>context</c> frame over MQTT: wire codes and short forms, checked and turned into a <see cref="PatientContext"/>.
/// </summary>
public sealed record PatientContextInput(
    int? AgeYears, string? Sex, bool? Pregnant, bool? HypercapnicRespiratoryFailure, string? Condition,
    bool? LvoSuspected, string[]? TraumaRedCriteria)
{
    /// <summary>The domain context, or the errors, each naming its field.</summary>
    public (PatientContext? Context, List<string> Errors) ToContext()
    {
        var errors = new List<string>();
        ConditionCategory? condition = null;
        if (Condition is not null)
        {
            if (ConditionCategoryCodes.TryParse(Condition, out var parsed)) condition = parsed;
            else errors.Add($"condition: one of trauma, stroke, stemi, sepsis, respiratory, obstetric, paediatric, other (was \"{Condition}\")");
        }
        var context = new PatientContext
        {
            AgeYears = AgeYears,
            Sex = NormaliseSex(Sex),
            Pregnant = Pregnant,
            HypercapnicRespiratoryFailure = HypercapnicRespiratoryFailure,
            Condition = condition,
            LvoSuspected = LvoSuspected,
            TraumaRedCriteria = TraumaRedCriteria is null ? [] : [.. TraumaRedCriteria],
        };
        errors.AddRange(context.Validate());
        return (errors.Count == 0 ? context : null, errors);
    }

    // The short forms crews type (F, M, X, U) mean the same as the long ones.
    private static string? NormaliseSex(string? sex) => sex?.Trim().ToLowerInvariant() switch
    {
        null => null,
        "f" => "female",
        "m" => "male",
        "x" => "other",
        "u" => "unknown",
        var other => other,
    };
}
