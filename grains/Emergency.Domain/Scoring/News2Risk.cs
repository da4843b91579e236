namespace Emergency.Domain.Scoring;

/// <summary>NEWS2 clinical risk: low, low-medium (a 3 in any single parameter), medium (5–6), high (7 or more).</summary>
public enum News2Risk : byte
{
    Low = 0,
    LowMedium = 1,
    Medium = 2,
    High = 3,
}

public static class News2RiskCodes
{
    public static string ToCode(this News2Risk risk) => risk switch
    {
        News2Risk.Low => "low",
        News2Risk.LowMedium => "low-medium",
        News2Risk.Medium => "medium",
        News2Risk.High => "high",
        _ => throw new ArgumentOutOfRangeException(nameof(risk), risk, null),
    };
}
