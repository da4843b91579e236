using Emergency.Domain.Hospitals;

namespace Emergency.Handover.Edxl;

/// <summary>
/// One hospital's availability as read from an EDXL-HAVE document. A count the document does not carry is null
/// (the hospital's current figure stays); <see cref="Path"/> locates the hospital's element for error messages.
/// </summary>
public sealed record HaveHospitalReport(
    string HospitalId,
    string Path,
    EdState? State,
    string? Reason,
    int? EdBedsFree,
    int? EdBedsTotal,
    int? ResusBaysFree,
    int? ResusBaysTotal,
    int? IcuBedsFree,
    bool? OrAvailable)
{
    /// <summary>The current capacity with what this report carries laid over it.</summary>
    public HospitalCapacity Over(HospitalCapacity current) => new(
        ResusBaysTotal ?? current.ResusBaysTotal,
        ResusBaysFree ?? current.ResusBaysFree,
        EdBedsTotal ?? current.EdBedsTotal,
        EdBedsFree ?? current.EdBedsFree,
        IcuBedsFree ?? current.IcuBedsFree,
        OrAvailable ?? current.OrAvailable);

    /// <summary>The current status with this report's EMS traffic laid over it.</summary>
    public EdStatus Over(EdStatus current) => State switch
    {
        EdState.Diversion => EdStatus.Diversion(Reason ?? ""),
        EdState.Open => new EdStatus(EdState.Open, Reason),
        _ => current,
    };

    /// <summary>Where in the document a capacity field came from (for errors the domain's validator reports).</summary>
    public string PathOf(string capacityField) => capacityField switch
    {
        "edBedsFree" => $"{Path}/HospitalBedCapacityStatus/BedCapacity[BedType={EdxlHave.EmergencyDepartment}]/Capacity/AvailableCount",
        "edBedsTotal" => $"{Path}/HospitalBedCapacityStatus/BedCapacity[BedType={EdxlHave.EmergencyDepartment}]/Capacity/BaselineCount",
        "resusBaysFree" => $"{Path}/HospitalBedCapacityStatus/BedCapacity[BedType={EdxlHave.Resuscitation}]/Capacity/AvailableCount",
        "resusBaysTotal" => $"{Path}/HospitalBedCapacityStatus/BedCapacity[BedType={EdxlHave.Resuscitation}]/Capacity/BaselineCount",
        "icuBedsFree" => $"{Path}/HospitalBedCapacityStatus/BedCapacity[BedType={EdxlHave.AdultIcu}]/Capacity/AvailableCount",
        "reason" => $"{Path}/EmergencyDepartmentStatus/EMSTraffic/EMSTrafficReason",
        _ => Path,
    };
}
