namespace Emergency.Dashboard.Security;

/// <summary>What an access touched, filled in while it is judged, for its audit entry.</summary>
public sealed class AuditSubject
{
    public string? PatientId { get; set; }
    public string? HospitalId { get; set; }
    public string? UnitId { get; set; }
    public string? Region { get; set; }
}
