using Emergency.Domain.Alerts;

namespace Emergency.Dashboard.Api;

/// <summary>An alert as the contract shows it; <c>version</c> rises with every change of the alert.</summary>
public sealed record AlertDto(
    string AlertId,
    string PatientId,
    string Kind,
    string Priority,
    string State,
    DateTimeOffset RaisedAt,
    string? AcknowledgedBy,
    DateTimeOffset? AcknowledgedAt,
    DateTimeOffset? ClearedAt,
    string? ClearReason,
    string Reason,
    int EscalationLevel,
    DateTimeOffset? EscalatedAt,
    string RaisedPriority,
    string? Supersedes,
    string? SupersededBy,
    long Version)
{
    public static AlertDto From(Alert a) => new(
        a.AlertId, a.PatientId, a.Kind.ToCode(), a.Priority.ToCode(), a.State.ToCode(), a.RaisedAt,
        a.AcknowledgedBy, a.AcknowledgedAt, a.ClearedAt, a.ClearReason, a.Reason, a.EscalationLevel, a.EscalatedAt,
        a.RaisedPriority.ToCode(), a.Supersedes, a.SupersededBy, a.Version);
}
