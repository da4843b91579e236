using System.Xml.Linq;

namespace Emergency.Handover.Edxl;

/// <summary>
/// The EDXL-HAVE element names we read and write. The element model is that of OASIS EDXL-HAVE 1.0 (the OASIS
/// Standard whose names the regional exchanges use: HospitalStatus, EmergencyDepartmentStatus/EMSTraffic,
/// HospitalBedCapacityStatus/BedCapacity), in its declared namespace. HAVE 2.0 declares a namespace of its own and
/// renames the model (facility, facilityInformation, serviceList…); it is not produced here.
/// </summary>
public static class EdxlHave
{
    public const string NamespaceUri = "urn:oasis:names:tc:emergency:EDXL:HAVE:1.0";
    public const string MediaType = "application/xml";
    public static readonly XNamespace Ns = NamespaceUri;

    public static readonly XName HospitalStatus = Ns + "HospitalStatus";
    public static readonly XName Hospital = Ns + "Hospital";
    public static readonly XName Organization = Ns + "Organization";
    public static readonly XName OrganizationInformation = Ns + "OrganizationInformation";
    public static readonly XName OrganizationId = Ns + "OrganizationID";
    public static readonly XName OrganizationName = Ns + "OrganizationName";
    public static readonly XName EmergencyDepartmentStatus = Ns + "EmergencyDepartmentStatus";
    public static readonly XName EmsTraffic = Ns + "EMSTraffic";
    public static readonly XName EmsTrafficStatus = Ns + "EMSTrafficStatus";
    public static readonly XName EmsTrafficReason = Ns + "EMSTrafficReason";
    public static readonly XName HospitalBedCapacityStatus = Ns + "HospitalBedCapacityStatus";
    public static readonly XName BedCapacity = Ns + "BedCapacity";
    public static readonly XName BedType = Ns + "BedType";
    public static readonly XName Capacity = Ns + "Capacity";
    public static readonly XName CapacityStatus = Ns + "CapacityStatus";
    public static readonly XName AvailableCount = Ns + "AvailableCount";
    public static readonly XName BaselineCount = Ns + "BaselineCount";
    public static readonly XName LastUpdateTime = Ns + "LastUpdateTime";

    /// <summary>EMSTrafficStatus values: open ↔ Normal, diversion ↔ Closed; Advisory reads as open with a note.</summary>
    public const string Normal = "Normal", Advisory = "Advisory", Closed = "Closed", NotApplicable = "NotApplicable";

    /// <summary>CapacityStatus values.</summary>
    public const string VacantAvailable = "Vacant/Available", NotAvailable = "NotAvailable";

    /// <summary>
    /// BedType values: EmergencyDepartment (ED beds), AdultICU (ICU beds, no baseline reported), OperatingRooms (an
    /// emergency theatre can be opened: 1 or 0). Resuscitation bays have no HAVE bed type; they travel as
    /// <c>Resuscitation</c>, which other systems may ignore.
    /// </summary>
    public const string EmergencyDepartment = "EmergencyDepartment", AdultIcu = "AdultICU", OperatingRooms = "OperatingRooms", Resuscitation = "Resuscitation";
}
