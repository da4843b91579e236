using System.Globalization;
using System.Xml;
using System.Xml.Linq;
using Emergency.Domain.Hospitals;

namespace Emergency.Handover.Edxl;

/// <summary>
/// Reads an EDXL-HAVE <c>HospitalStatus</c> document. Every bad value is reported with the path of its element
/// (e.g. <c>HospitalStatus/Hospital[1]/HospitalBedCapacityStatus/BedCapacity[2]/Capacity/AvailableCount</c>); a
/// document with any error yields no reports, so nothing of it is applied.
/// </summary>
public static class EdxlHaveReader
{
    public sealed record Result(IReadOnlyList<HaveHospitalReport> Hospitals, IReadOnlyList<string> Errors);

    public static Result Read(string xml)
    {
        XDocument document;
        try
        {
            document = XDocument.Parse(xml, LoadOptions.None);
        }
        catch (XmlException ex)
        {
            return Failed($"document: not well-formed XML ({ex.Message})");
        }
        var root = document.Root!;
        if (root.Name != EdxlHave.HospitalStatus)
        {
            return Failed($"{root.Name.LocalName}: the root must be HospitalStatus in namespace {EdxlHave.NamespaceUri} (was {{{root.Name.NamespaceName}}}{root.Name.LocalName})");
        }
        var errors = new List<string>();
        var reports = new List<HaveHospitalReport>();
        var hospitals = root.Elements(EdxlHave.Hospital).ToList();
        if (hospitals.Count == 0)
        {
            errors.Add("HospitalStatus: at least one Hospital is required");
        }
        for (var i = 0; i < hospitals.Count; i++)
        {
            if (ReadHospital(hospitals[i], $"HospitalStatus/Hospital[{i + 1}]", errors) is { } report)
            {
                reports.Add(report);
            }
        }
        var repeated = reports.GroupBy(r => r.HospitalId).Where(g => g.Count() > 1).Select(g => g.Key);
        errors.AddRange(repeated.Select(id => $"HospitalStatus: hospital {id} appears more than once"));
        return errors.Count > 0 ? new Result([], errors) : new Result(reports, []);
    }

    private static HaveHospitalReport? ReadHospital(XElement hospital, string path, List<string> errors)
    {
        var before = errors.Count;
        var idPath = $"{path}/Organization/OrganizationInformation/OrganizationID";
        var id = hospital.Element(EdxlHave.Organization)?.Element(EdxlHave.OrganizationInformation)?.Element(EdxlHave.OrganizationId)?.Value.Trim();
        if (string.IsNullOrEmpty(id))
        {
            errors.Add($"{idPath}: required");
        }
        else if (!Api.WireIds.IsValid(id))
        {
            errors.Add($"{idPath}: \"{id}\" is not a hospital id (1–64 characters of A-Z a-z 0-9 - _ .)");
        }

        EdState? state = null;
        string? reason = null;
        var traffic = hospital.Element(EdxlHave.EmergencyDepartmentStatus)?.Element(EdxlHave.EmsTraffic);
        if (traffic is not null)
        {
            var statusPath = $"{path}/EmergencyDepartmentStatus/EMSTraffic/EMSTrafficStatus";
            reason = traffic.Element(EdxlHave.EmsTrafficReason)?.Value.Trim() is { Length: > 0 } r ? r : null;
            switch (traffic.Element(EdxlHave.EmsTrafficStatus)?.Value.Trim())
            {
                case EdxlHave.Normal: state = EdState.Open; break;
                case EdxlHave.Advisory: state = EdState.Open; reason ??= "advisory"; break;
                case EdxlHave.Closed: state = EdState.Diversion; break;
                case null: errors.Add($"{statusPath}: required in EMSTraffic"); break;
                case var other: errors.Add($"{statusPath}: \"{other}\" is not one of {EdxlHave.Normal}, {EdxlHave.Advisory}, {EdxlHave.Closed}"); break;
            }
        }

        int? edFree = null, edTotal = null, resusFree = null, resusTotal = null, icuFree = null;
        bool? or = null;
        var beds = hospital.Element(EdxlHave.HospitalBedCapacityStatus)?.Elements(EdxlHave.BedCapacity).ToList() ?? [];
        for (var b = 0; b < beds.Count; b++)
        {
            var bedPath = $"{path}/HospitalBedCapacityStatus/BedCapacity[{b + 1}]";
            var type = beds[b].Element(EdxlHave.BedType)?.Value.Trim();
            var capacity = beds[b].Element(EdxlHave.Capacity);
            var available = Count(capacity?.Element(EdxlHave.AvailableCount), $"{bedPath}/Capacity/AvailableCount", errors);
            var baseline = Count(capacity?.Element(EdxlHave.BaselineCount), $"{bedPath}/Capacity/BaselineCount", errors);
            var capacityStatus = capacity?.Element(EdxlHave.CapacityStatus)?.Value.Trim();
            if (capacityStatus is not null and not (EdxlHave.VacantAvailable or EdxlHave.NotAvailable))
            {
                errors.Add($"{bedPath}/Capacity/CapacityStatus: \"{capacityStatus}\" is not one of {EdxlHave.VacantAvailable}, {EdxlHave.NotAvailable}");
            }
            switch (type)
            {
                case EdxlHave.EmergencyDepartment: edFree = available; edTotal = baseline; break;
                case EdxlHave.Resuscitation: resusFree = available; resusTotal = baseline; break;
                case EdxlHave.AdultIcu: icuFree = available; break;
                case EdxlHave.OperatingRooms:
                    or = available is { } n ? n > 0 : capacityStatus is null ? null : capacityStatus == EdxlHave.VacantAvailable;
                    break;
                case null or "": errors.Add($"{bedPath}/BedType: required"); break;
                default: break; // bed types we do not track are read past
            }
        }
        if (errors.Count > before || id is null)
        {
            return null;
        }
        return new HaveHospitalReport(id, path, state, reason, edFree, edTotal, resusFree, resusTotal, icuFree, or);
    }

    private static int? Count(XElement? element, string path, List<string> errors)
    {
        if (element is null)
        {
            return null;
        }
        var text = element.Value.Trim();
        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value))
        {
            errors.Add($"{path}: \"{text}\" is not a whole number of 0 or more");
            return null;
        }
        return value;
    }

    private static Result Failed(string error) => new([], [error]);
}
