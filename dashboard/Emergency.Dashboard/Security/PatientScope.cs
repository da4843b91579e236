namespace Emergency.Dashboard.Security;

/// <summary>
/// What decides who may see a patient: the region, the units that carry or reported the patient, and the hospital the
/// patient is going to or arrived at.
/// </summary>
public sealed record PatientScope(string Region, IReadOnlyList<string> Units, string? HospitalId);
