using System.Xml;
using System.Xml.Linq;
using Emergency.Domain.Hospitals;
using Emergency.Grains.Hospitals;

namespace Emergency.Handover.Edxl;

/// <summary>Writes hospitals' availability as one EDXL-HAVE <c>HospitalStatus</c> document (see <see cref="EdxlHave"/> for the mapping).</summary>
public static class EdxlHaveWriter
{
    public static XDocument Write(IEnumerable<HospitalState> hospitals) =>
        new(new XDeclaration("1.0", "utf-8", null),
            new XElement(EdxlHave.HospitalStatus, new XAttribute(XNamespace.Xmlns + "have", EdxlHave.NamespaceUri),
                hospitals.Select(h => Hospital(h.Hospital))));

    public static string ToXml(XDocument document)
    {
        using var writer = new Utf8StringWriter();
        document.Save(writer, SaveOptions.None);
        return writer.ToString();
    }

    private static XElement Hospital(Hospital h)
    {
        var c = h.Capacity;
        return new XElement(EdxlHave.Hospital,
            new XElement(EdxlHave.Organization,
                new XElement(EdxlHave.OrganizationInformation,
                    new XElement(EdxlHave.OrganizationId, h.HospitalId),
                    new XElement(EdxlHave.OrganizationName, h.Name))),
            new XElement(EdxlHave.EmergencyDepartmentStatus,
                new XElement(EdxlHave.EmsTraffic,
                    new XElement(EdxlHave.EmsTrafficStatus, h.Status.State == EdState.Diversion ? EdxlHave.Closed : EdxlHave.Normal),
                    h.Status.Reason is { } reason ? new XElement(EdxlHave.EmsTrafficReason, reason) : null)),
            new XElement(EdxlHave.HospitalBedCapacityStatus,
                Bed(EdxlHave.EmergencyDepartment, c.EdBedsFree, c.EdBedsTotal),
                Bed(EdxlHave.Resuscitation, c.ResusBaysFree, c.ResusBaysTotal),
                Bed(EdxlHave.AdultIcu, c.IcuBedsFree, baseline: null),
                Bed(EdxlHave.OperatingRooms, c.OrAvailable ? 1 : 0, baseline: null)),
            new XElement(EdxlHave.LastUpdateTime, XmlConvert.ToString(h.UpdatedAt)));
    }

    private static XElement Bed(string type, int available, int? baseline) =>
        new(EdxlHave.BedCapacity,
            new XElement(EdxlHave.BedType, type),
            new XElement(EdxlHave.Capacity,
                new XElement(EdxlHave.CapacityStatus, available > 0 ? EdxlHave.VacantAvailable : EdxlHave.NotAvailable),
                new XElement(EdxlHave.AvailableCount, available),
                baseline is { } b ? new XElement(EdxlHave.BaselineCount, b) : null));

    private sealed class Utf8StringWriter : StringWriter
    {
        public override System.Text.Encoding Encoding => System.Text.Encoding.UTF8;
    }
}
