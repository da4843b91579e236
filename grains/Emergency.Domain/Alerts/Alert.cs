namespace Emergency.Domain.Alerts;

/// <summary>
/// One clinical alert as it stands: an immutable snapshot, replaced by a new one at every change.
/// </summary>
/// <remarks>
/// <para>
/// Wire shape (camelCase JSON, enums as their codes): the contract fields <c>alertId</c>, <c>patientId</c>,
/// <c>kind</c> (<see cref="AlertKindCodes"/>), <c>priority</c> (<see cref="AlertPriorityCodes"/>), <c>state</c>
/// (<see cref="AlertStateCodes"/>), <c>raisedAt</c>, <c>acknowledgedBy</c>, <c>acknowledgedAt</c>, <c>clearedAt</c>
/// and <c>reason</c>; the other properties are additions the contract allows.
/// </para>
/// <para>
/// Every alert ends cleared with a <see cref="ClearReason"/>; one that was acknowledged first keeps
/// <see cref="AcknowledgedBy"/> and <see cref="AcknowledgedAt"/>, so the audit trail survives the clear.
/// </para>
/// </remarks>
[GenerateSerializer, Immutable, Alias("Emergency.Alert")]
public sealed record Alert
{
    /// <summary><c>A-{patientId}-{sequence}</c>: unique per patient and predictable.</summary>
    [Id(0)] public string AlertId { get; init; } = "";

    [Id(1)] public string PatientId { get; init; } = "";

    [Id(2)] public AlertKind Kind { get; init; }

    /// <summary>Current priority: the condition's, raised further by escalation; never lowered while open.</summary>
    [Id(3)] public AlertPriority Priority { get; init; }

    [Id(4)] public AlertState State { get; init; }

    [Id(5)] public DateTimeOffset RaisedAt { get; init; }

    /// <summary>Who acknowledged it; null until someone does. Kept after clearing.</summary>
    [Id(6)] public string? AcknowledgedBy { get; init; }

    [Id(7)] public DateTimeOffset? AcknowledgedAt { get; init; }

    [Id(8)] public DateTimeOffset? ClearedAt { get; init; }

    /// <summary>For people: what triggered it, e.g. "NEWS2 8 (RR 3, SpO2 3, HR 2)". Refreshed when it worsens.</summary>
    [Id(9)] public string Reason { get; init; } = "";

    /// <summary>The n in the id: 1 for the patient's first alert, rising by one.</summary>
    [Id(10)] public long Sequence { get; init; }

    /// <summary>1 when raised, one more at every change: a client drops a snapshot older than the one it shows.</summary>
    [Id(11)] public long Version { get; init; }

    /// <summary>When this snapshot was made.</summary>
    [Id(12)] public DateTimeOffset UpdatedAt { get; init; }

    /// <summary>Priority when raised.</summary>
    [Id(13)] public AlertPriority RaisedPriority { get; init; }

    /// <summary>Highest priority the condition itself has had while the alert was open (escalation aside).</summary>
    [Id(14)] public AlertPriority ConditionPriority { get; init; }

    /// <summary>How many times it escalated; keeps counting at high priority.</summary>
    [Id(15)] public int EscalationLevel { get; init; }

    /// <summary>Latest escalation.</summary>
    [Id(16)] public DateTimeOffset? EscalatedAt { get; init; }

    /// <summary>When it escalates next if nobody answers; null once acknowledged or cleared.</summary>
    [Id(17)] public DateTimeOffset? EscalationDueAt { get; init; }

    /// <summary>
    /// Since when the condition has been absent (the clear hold is running); null while it is present. The alert
    /// clears once this is <see cref="AlertOptions.ClearHoldTime"/> old.
    /// </summary>
    [Id(18)] public DateTimeOffset? ConditionAbsentSince { get; init; }

    /// <summary>Why it was cleared (<see cref="AlertClearReasons"/>); null while open.</summary>
    [Id(19)] public string? ClearReason { get; init; }

    /// <summary>
    /// The condition's score at the latest raise or update: NEWS2 total, parameters at 3, qSOFA points, shock-index
    /// band; null for trends.
    /// </summary>
    [Id(20)] public int? Score { get; init; }

    /// <summary><see cref="Score"/> when acknowledged: the baseline for a worsening after acknowledgement.</summary>
    [Id(21)] public int? ScoreAtAcknowledgement { get; init; }

    /// <summary>The acknowledged alert this one replaced because the condition worsened.</summary>
    [Id(22)] public string? Supersedes { get; init; }

    /// <summary>The alert that replaced this one (it was cleared as <see cref="AlertClearReasons.Superseded"/>).</summary>
    [Id(23)] public string? SupersededBy { get; init; }

    /// <summary>Not cleared.</summary>
    public bool IsOpen => State != AlertState.Cleared;

    /// <summary>Someone acknowledged it (it may be cleared since).</summary>
    public bool IsAcknowledged => AcknowledgedAt.HasValue;
}
