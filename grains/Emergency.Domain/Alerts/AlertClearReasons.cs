namespace Emergency.Domain.Alerts;

/// <summary>The reasons an alert is cleared with (<see cref="Alert.ClearReason"/>).</summary>
public static class AlertClearReasons
{
    /// <summary>The condition stayed below its threshold for the clear hold time.</summary>
    public const string Resolved = "resolved";

    /// <summary>
    /// The condition worsened after acknowledgement: a new alert took over (<see cref="Alert.SupersededBy"/>).
    /// </summary>
    public const string Superseded = "superseded";

    /// <summary>Start of the reason given when NEWS2 stopped applying to the patient.</summary>
    public const string News2NotApplicablePrefix = "NEWS2 not applicable: ";

    /// <summary>"NEWS2 not applicable: " followed by why (e.g. "pregnant").</summary>
    public static string News2NotApplicable(string? why) =>
        News2NotApplicablePrefix + (string.IsNullOrWhiteSpace(why) ? "patient context" : why);
}
