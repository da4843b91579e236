namespace Emergency.Domain.Alerts;

/// <summary>What happened to an alert.</summary>
public enum AlertEventKind : byte
{
    /// <summary>A new alert.</summary>
    Raised = 0,

    /// <summary>Unanswered past its timeout: priority up one level (high stays high), escalation level up one.</summary>
    Escalated = 1,

    /// <summary>Someone took it on.</summary>
    Acknowledged = 2,

    /// <summary>
    /// An unacknowledged alert's condition worsened: its priority rose to the condition's, or its NEWS2 total rose
    /// by <see cref="AlertOptions.News2ReRaiseDelta"/>; the reason is refreshed. (After acknowledgement a worsening
    /// raises a new alert instead.)
    /// </summary>
    Updated = 3,

    /// <summary>Closed, with <see cref="Alert.ClearReason"/>.</summary>
    Cleared = 4,
}

public static class AlertEventKindCodes
{
    /// <summary>Wire code: <c>raised</c>, <c>escalated</c>, <c>acknowledged</c>, <c>updated</c> or <c>cleared</c>.</summary>
    public static string ToCode(this AlertEventKind kind) => kind switch
    {
        AlertEventKind.Raised => "raised",
        AlertEventKind.Escalated => "escalated",
        AlertEventKind.Acknowledged => "acknowledged",
        AlertEventKind.Updated => "updated",
        AlertEventKind.Cleared => "cleared",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    public static bool TryParse(string? code, out AlertEventKind kind)
    {
        switch (code)
        {
            case "raised": kind = AlertEventKind.Raised; return true;
            case "escalated": kind = AlertEventKind.Escalated; return true;
            case "acknowledged": kind = AlertEventKind.Acknowledged; return true;
            case "updated": kind = AlertEventKind.Updated; return true;
            case "cleared": kind = AlertEventKind.Cleared; return true;
            default: kind = default; return false;
        }
    }
}
