namespace Emergency.Dashboard.Security;

/// <summary>
/// One access as the audit log keeps it: who (user, role), what (action and the patient, hospital, unit or region it
/// touched), when (server time), from where (address, user agent), and the outcome (<c>allowed</c>, <c>refused</c>)
/// with the status answered for a refusal.
/// </summary>
public sealed record AuditEntry(
    DateTimeOffset At,
    string? User,
    string? Role,
    string Action,
    string? PatientId,
    string? HospitalId,
    string? UnitId,
    string? Region,
    string? Target,
    string? RemoteAddress,
    string? UserAgent,
    string Outcome,
    int? Status,
    long Id = 0);

/// <summary>Filters of <c>GET /api/audit</c>; every one optional.</summary>
public sealed record AuditQuery(string? PatientId, string? User, DateTimeOffset? From, DateTimeOffset? To, int Limit);
