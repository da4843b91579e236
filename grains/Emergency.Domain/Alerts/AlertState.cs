namespace Emergency.Domain.Alerts;

/// <summary>
/// Where an alert is in its life: raised → (escalated →)* → acknowledged → cleared, or cleared from any state with
/// a reason. Cleared is final.
/// </summary>
public enum AlertState : byte
{
    /// <summary>Open, nobody has answered yet.</summary>
    Raised = 0,

    /// <summary>Open, unanswered past its escalation timeout (at least once).</summary>
    Escalated = 1,

    /// <summary>Open, someone has taken it on; it no longer escalates.</summary>
    Acknowledged = 2,

    /// <summary>Closed; <see cref="Alert.ClearReason"/> says why.</summary>
    Cleared = 3,
}

public static class AlertStateCodes
{
    /// <summary>Wire code: <c>raised</c>, <c>escalated</c>, <c>acknowledged</c> or <c>cleared</c>.</summary>
    public static string ToCode(this AlertState state) => state switch
    {
        AlertState.Raised => "raised",
        AlertState.Escalated => "escalated",
        AlertState.Acknowledged => "acknowledged",
        AlertState.Cleared => "cleared",
        _ => throw new ArgumentOutOfRangeException(nameof(state), state, null),
    };

    public static bool TryParse(string? code, out AlertState state)
    {
        switch (code)
        {
            case "raised": state = AlertState.Raised; return true;
            case "escalated": state = AlertState.Escalated; return true;
            case "acknowledged": state = AlertState.Acknowledged; return true;
            case "cleared": state = AlertState.Cleared; return true;
            default: state = default; return false;
        }
    }
}
