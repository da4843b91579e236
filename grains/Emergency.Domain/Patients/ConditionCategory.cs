namespace Emergency.Domain.Patients;

/// <summary>The working clinical category a crew assigns to a patient; it selects pathways and destinations.</summary>
public enum ConditionCategory : byte
{
    Trauma = 0,
    Stroke = 1,

    /// <summary>ST-elevation myocardial infarction.</summary>
    Stemi = 2,

    Sepsis = 3,
    Respiratory = 4,
    Obstetric = 5,
    Paediatric = 6,
    Other = 7,
}

public static class ConditionCategoryCodes
{
    /// <summary>
    /// Wire code: <c>trauma</c>, <c>stroke</c>, <c>stemi</c>, <c>sepsis</c>, <c>respiratory</c>, <c>obstetric</c>,
    /// <c>paediatric</c> or <c>other</c>.
    /// </summary>
    public static string ToCode(this ConditionCategory category) => category switch
    {
        ConditionCategory.Trauma => "trauma",
        ConditionCategory.Stroke => "stroke",
        ConditionCategory.Stemi => "stemi",
        ConditionCategory.Sepsis => "sepsis",
        ConditionCategory.Respiratory => "respiratory",
        ConditionCategory.Obstetric => "obstetric",
        ConditionCategory.Paediatric => "paediatric",
        ConditionCategory.Other => "other",
        _ => throw new ArgumentOutOfRangeException(nameof(category), category, null),
    };

    /// <summary>Parses a wire code; exact, lower case.</summary>
    public static bool TryParse(string? code, out ConditionCategory category)
    {
        switch (code)
        {
            case "trauma": category = ConditionCategory.Trauma; return true;
            case "stroke": category = ConditionCategory.Stroke; return true;
            case "stemi": category = ConditionCategory.Stemi; return true;
            case "sepsis": category = ConditionCategory.Sepsis; return true;
            case "respiratory": category = ConditionCategory.Respiratory; return true;
            case "obstetric": category = ConditionCategory.Obstetric; return true;
            case "paediatric": category = ConditionCategory.Paediatric; return true;
            case "other": category = ConditionCategory.Other; return true;
            default: category = default; return false;
        }
    }
}
