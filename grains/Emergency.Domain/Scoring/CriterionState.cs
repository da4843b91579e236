namespace Emergency.Domain.Scoring;

/// <summary>
/// Whether one criterion of a rule-based score is met. <see cref="Unknown"/> when its input is missing, so a
/// partial result never passes off a missing value as a normal one.
/// </summary>
public enum CriterionState : byte
{
    Unknown = 0,
    NotMet = 1,
    Met = 2,
}

public static class CriterionStateCodes
{
    /// <summary>Wire code: <c>met</c>, <c>not-met</c> or <c>unknown</c>.</summary>
    public static string ToCode(this CriterionState state) => state switch
    {
        CriterionState.Unknown => "unknown",
        CriterionState.NotMet => "not-met",
        CriterionState.Met => "met",
        _ => throw new ArgumentOutOfRangeException(nameof(state), state, null),
    };

    public static bool TryParse(string? code, out CriterionState state)
    {
        switch (code)
        {
            case "unknown": state = CriterionState.Unknown; return true;
            case "not-met": state = CriterionState.NotMet; return true;
            case "met": state = CriterionState.Met; return true;
            default: state = default; return false;
        }
    }
}
