namespace Emergency.Domain.Scoring;

/// <summary>A deterioration pattern found by <see cref="TrendRules"/>.</summary>
public enum TrendKind : byte
{
    /// <summary>The NEWS2 total rose by <see cref="TrendOptions.RisingDelta"/> or more within the rising window.</summary>
    News2Rising = 0,

    /// <summary>SpO2 fell by <see cref="TrendOptions.Spo2Drop"/> or more over its window.</summary>
    Spo2Falling = 1,

    /// <summary>Heart rate rose by <see cref="TrendOptions.HrRise"/> or more over its window.</summary>
    HrRising = 2,

    /// <summary>Systolic pressure fell by <see cref="TrendOptions.SbpDrop"/> or more over its window.</summary>
    SbpFalling = 3,
}

public static class TrendKindCodes
{
    /// <summary>Wire code: <c>news2-rising</c>, <c>spo2-falling</c>, <c>hr-rising</c> or <c>sbp-falling</c>.</summary>
    public static string ToCode(this TrendKind kind) => kind switch
    {
        TrendKind.News2Rising => "news2-rising",
        TrendKind.Spo2Falling => "spo2-falling",
        TrendKind.HrRising => "hr-rising",
        TrendKind.SbpFalling => "sbp-falling",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    public static bool TryParse(string? code, out TrendKind kind)
    {
        switch (code)
        {
            case "news2-rising": kind = TrendKind.News2Rising; return true;
            case "spo2-falling": kind = TrendKind.Spo2Falling; return true;
            case "hr-rising": kind = TrendKind.HrRising; return true;
            case "sbp-falling": kind = TrendKind.SbpFalling; return true;
            default: kind = default; return false;
        }
    }
}
