namespace Emergency.Dashboard.Security;

/// <summary>
/// The one answer to "may this person see or change this": ED staff of H see patients inbound to or in H and update
/// H's capacity; dispatchers of R see R and decide destinations there; a crew sees its own unit's patient;
/// administrators see and manage everything. Every endpoint and hub method asks here.
/// </summary>
public static class AccessRules
{
    public static bool MaySeePatient(UserAccess user, PatientScope patient) => user.Role switch
    {
        Role.Admin => true,
        Role.Dispatcher => user.Covers(patient.Region),
        Role.Ed => user.Covers(patient.HospitalId),
        Role.Crew => patient.Units.Any(user.Covers),
        _ => false,
    };

    /// <summary>Clinical context (age, condition, …) is recorded by the crew treating the patient.</summary>
    public static bool MayRecordContext(UserAccess user, PatientScope patient) =>
        user.IsAdmin || (user.Role == Role.Crew && patient.Units.Any(user.Covers));

    /// <summary>The receiving ED confirms it has seen the patient, links its identity, records the handover.</summary>
    public static bool MayActAsReceivingEd(UserAccess user, PatientScope patient) =>
        user.IsAdmin || (user.Role == Role.Ed && user.Covers(patient.HospitalId));

    /// <summary>Every patient of a region at once: the region's dispatchers.</summary>
    public static bool MaySeeRegion(UserAccess user, string region) =>
        user.IsAdmin || (user.Role == Role.Dispatcher && user.Covers(region));

    /// <summary>A hospital's inbound and arrived patients: its ED staff and the dispatchers of its region.</summary>
    public static bool MaySeeHospitalPatients(UserAccess user, string hospitalId, string hospitalRegion) => user.Role switch
    {
        Role.Admin => true,
        Role.Ed => user.Covers(hospitalId),
        Role.Dispatcher => user.Covers(hospitalRegion),
        _ => false,
    };

    public static bool MayUpdateCapacity(UserAccess user, string hospitalId) =>
        user.IsAdmin || (user.Role == Role.Ed && user.Covers(hospitalId));

    /// <summary>A unit's position, status and patient: its crew and the dispatchers of its region.</summary>
    public static bool MaySeeUnit(UserAccess user, string unitId, string unitRegion) => user.Role switch
    {
        Role.Admin => true,
        Role.Crew => user.Covers(unitId),
        Role.Dispatcher => user.Covers(unitRegion),
        _ => false,
    };

    /// <summary>Where an ambulance takes its patient: the dispatchers of the unit's region.</summary>
    public static bool MayDecideDestination(UserAccess user, string unitRegion) =>
        user.IsAdmin || (user.Role == Role.Dispatcher && user.Covers(unitRegion));

    /// <summary>Destination recommendations for a region: its dispatchers.</summary>
    public static bool MayRecommend(UserAccess user, string region) => MayDecideDestination(user, region);

    public static bool MayManage(UserAccess user) => user.IsAdmin;
}
