using Emergency.Domain.Scoring;

namespace Emergency.Domain.Alerts;

/// <summary>
/// Settings of <see cref="AlertStateMachine"/> and <see cref="AlertConditions"/>; every value configurable, defaults
/// on each property. Kept apart from the machine's state, which is persisted while options come from configuration.
/// </summary>
public sealed record AlertOptions
{
    /// <summary>The default options.</summary>
    public static readonly AlertOptions Default = new();

    /// <summary>An unanswered high-priority alert escalates after this long. Default 60 seconds.</summary>
    public TimeSpan HighEscalationTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>An unanswered medium-priority alert escalates after this long. Default 120 seconds.</summary>
    public TimeSpan MediumEscalationTimeout { get; init; } = TimeSpan.FromSeconds(120);

    /// <summary>An unanswered low-priority alert escalates after this long. Default 300 seconds.</summary>
    public TimeSpan LowEscalationTimeout { get; init; } = TimeSpan.FromSeconds(300);

    /// <summary>
    /// A condition must stay absent this long before its alert clears (hysteresis: a return within the hold
    /// continues the same alert). Default 60 seconds.
    /// </summary>
    public TimeSpan ClearHoldTime { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// A NEWS2 total this much above the alert's baseline is a worsening: after acknowledgement (baseline: the total
    /// when acknowledged) a new alert supersedes the old; before it (baseline: the latest total recorded) the alert is
    /// updated. Default 2.
    /// </summary>
    public int News2ReRaiseDelta { get; init; } = 2;

    /// <summary>
    /// Alerts kept in <see cref="AlertStateMachine.History"/>, open ones included. Beyond it the oldest cleared
    /// alerts are dropped; open ones never are. Default 200.
    /// </summary>
    public int HistoryLimit { get; init; } = 200;

    /// <summary>Priority of a single parameter scoring 3. Default medium (RCP: urgent ward-based response).</summary>
    public AlertPriority SingleParameterPriority { get; init; } = AlertPriority.Medium;

    /// <summary>Priority of a positive qSOFA. Default high.</summary>
    public AlertPriority QsofaPriority { get; init; } = AlertPriority.High;

    /// <summary>Priority of a shock index in <see cref="ShockIndexAlertBand"/> or above. Default high.</summary>
    public AlertPriority ShockIndexPriority { get; init; } = AlertPriority.High;

    /// <summary>Lowest shock-index band that raises an alert. Default <see cref="ShockIndexBand.High"/> (≥ 1.0).</summary>
    public ShockIndexBand ShockIndexAlertBand { get; init; } = ShockIndexBand.High;

    /// <summary>Priority of a deterioration trend. Default medium.</summary>
    public AlertPriority TrendPriority { get; init; } = AlertPriority.Medium;

    /// <summary>The escalation timeout of <paramref name="priority"/>.</summary>
    public TimeSpan EscalationTimeout(AlertPriority priority) => priority switch
    {
        AlertPriority.High => HighEscalationTimeout,
        AlertPriority.Medium => MediumEscalationTimeout,
        AlertPriority.Low => LowEscalationTimeout,
        _ => throw new ArgumentOutOfRangeException(nameof(priority), priority, null),
    };

    /// <summary>Every inconsistency, each starting with the property name; empty when valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (HighEscalationTimeout <= TimeSpan.Zero) errors.Add($"{nameof(HighEscalationTimeout)}: must be positive");
        if (MediumEscalationTimeout <= TimeSpan.Zero) errors.Add($"{nameof(MediumEscalationTimeout)}: must be positive");
        if (LowEscalationTimeout <= TimeSpan.Zero) errors.Add($"{nameof(LowEscalationTimeout)}: must be positive");
        if (ClearHoldTime < TimeSpan.Zero) errors.Add($"{nameof(ClearHoldTime)}: must not be negative");
        if (News2ReRaiseDelta < 1) errors.Add($"{nameof(News2ReRaiseDelta)}: must be at least 1");
        if (HistoryLimit < 1) errors.Add($"{nameof(HistoryLimit)}: must be at least 1");
        Defined(errors, nameof(SingleParameterPriority), SingleParameterPriority);
        Defined(errors, nameof(QsofaPriority), QsofaPriority);
        Defined(errors, nameof(ShockIndexPriority), ShockIndexPriority);
        Defined(errors, nameof(TrendPriority), TrendPriority);
        if (ShockIndexAlertBand is not (ShockIndexBand.Elevated or ShockIndexBand.High or ShockIndexBand.Severe))
        {
            errors.Add($"{nameof(ShockIndexAlertBand)}: must be elevated, high or severe");
        }
        return errors;
    }

    /// <summary>Throws when <see cref="Validate"/> finds anything.</summary>
    /// <exception cref="ArgumentException">The options are inconsistent.</exception>
    public void EnsureValid()
    {
        var errors = Validate();
        if (errors.Count > 0) throw new ArgumentException("Invalid alert options: " + string.Join("; ", errors));
    }

    private static void Defined(List<string> errors, string name, AlertPriority priority)
    {
        if (!Enum.IsDefined(priority)) errors.Add($"{name}: not a defined priority");
    }
}
