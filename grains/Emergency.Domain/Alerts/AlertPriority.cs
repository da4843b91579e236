namespace Emergency.Domain.Alerts;

/// <summary>
/// Alert priority, on the three levels of IEC 60601-1-8 (medical electrical equipment – alarm systems):
/// <see cref="High"/> = IEC high priority, immediate operator response required;
/// <see cref="Medium"/> = IEC medium priority, prompt operator response required;
/// <see cref="Low"/> = IEC low priority, operator awareness required.
/// </summary>
/// <remarks>
/// Clinical mapping (Royal College of Physicians, NEWS2, 2017, clinical response to NEWS trigger thresholds):
/// NEWS2 7 or more (urgent or emergency response) → high; NEWS2 5–6 (urgent response) → medium; a 3 in a single
/// parameter (urgent ward-based response) → medium. qSOFA positive and a shock index of 1.0 or more → high; a trend →
/// medium. Escalation raises an unanswered alert one level (see <see cref="AlertStateMachine"/>).
/// </remarks>
public enum AlertPriority : byte
{
    Low = 0,
    Medium = 1,
    High = 2,
}

public static class AlertPriorityCodes
{
    /// <summary>Wire code: <c>low</c>, <c>medium</c> or <c>high</c>.</summary>
    public static string ToCode(this AlertPriority priority) => priority switch
    {
        AlertPriority.Low => "low",
        AlertPriority.Medium => "medium",
        AlertPriority.High => "high",
        _ => throw new ArgumentOutOfRangeException(nameof(priority), priority, null),
    };

    public static bool TryParse(string? code, out AlertPriority priority)
    {
        switch (code)
        {
            case "low": priority = AlertPriority.Low; return true;
            case "medium": priority = AlertPriority.Medium; return true;
            case "high": priority = AlertPriority.High; return true;
            default: priority = default; return false;
        }
    }

    /// <summary>The IEC 60601-1-8 alarm priority this priority stands for, and what it asks of the operator.</summary>
    public static string ToIecDescription(this AlertPriority priority) => priority switch
    {
        AlertPriority.Low => "IEC 60601-1-8 low priority: operator awareness required",
        AlertPriority.Medium => "IEC 60601-1-8 medium priority: prompt operator response required",
        AlertPriority.High => "IEC 60601-1-8 high priority: immediate operator response required",
        _ => throw new ArgumentOutOfRangeException(nameof(priority), priority, null),
    };

    /// <summary>One level up: low → medium → high; high stays high.</summary>
    public static AlertPriority Escalated(this AlertPriority priority) => priority switch
    {
        AlertPriority.Low => AlertPriority.Medium,
        AlertPriority.Medium => AlertPriority.High,
        AlertPriority.High => AlertPriority.High,
        _ => throw new ArgumentOutOfRangeException(nameof(priority), priority, null),
    };
}
