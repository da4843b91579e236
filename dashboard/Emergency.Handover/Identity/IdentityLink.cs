namespace Emergency.Handover.Identity;

/// <summary>
/// The hospital's identity of a patient who travelled under a temporary one: its medical record number (MRN) and
/// what it knows of the person. Linked by <see cref="LinkedBy"/> at <see cref="LinkedAt"/>.
/// </summary>
/// <param name="HospitalId">The hospital that issued the MRN.</param>
/// <param name="Mrn">The hospital's medical record number.</param>
/// <param name="MrnSystem">The namespace of the MRN (a URI); <c>urn:emergency:hospital:{hospitalId}:mrn</c> when not given.</param>
/// <param name="Family">Family name, when known.</param>
/// <param name="Given">Given names, when known.</param>
/// <param name="BirthDate">Date of birth, <c>yyyy-MM-dd</c>, when known.</param>
[GenerateSerializer, Immutable, Alias("Emergency.Handover.IdentityLink")]
public sealed record IdentityLink(
    [property: Id(0)] string HospitalId,
    [property: Id(1)] string Mrn,
    [property: Id(2)] string MrnSystem,
    [property: Id(3)] string? Family,
    [property: Id(4)] string? Given,
    [property: Id(5)] string? BirthDate,
    [property: Id(6)] string LinkedBy,
    [property: Id(7)] DateTimeOffset LinkedAt)
{
    public static string DefaultMrnSystem(string hospitalId) => $"urn:emergency:hospital:{hospitalId}:mrn";
}

/// <summary>One entry of the identity audit trail: who linked or changed the identity, when, and to what.</summary>
[GenerateSerializer, Immutable, Alias("Emergency.Handover.IdentityAuditEntry")]
public sealed record IdentityAuditEntry(
    [property: Id(0)] DateTimeOffset At,
    [property: Id(1)] string By,
    [property: Id(2)] string Action,
    [property: Id(3)] IdentityLink Link);
