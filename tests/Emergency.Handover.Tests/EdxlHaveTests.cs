using System.Collections.Immutable;
using Emergency.Domain.Hospitals;
using Emergency.Grains.Hospitals;
using Emergency.Handover.Edxl;

namespace Emergency.Handover.Tests;

public sealed class EdxlHaveTests
{
    private static HospitalState State(HospitalCapacity capacity, EdStatus status) =>
        new(new Hospital("H-03", "Xuhui South Medical Centre (demo)", "sh", 31.188, 121.437,
            new HospitalCapabilities(TraumaLevel.Level1, true, StrokeCapability.Thrombectomy, false, true, true),
            capacity, status, ExamplePatients.Now, "charge.nurse"), false, ImmutableArray<Destination>.Empty);

    [Fact]
    public void Availability_round_trips_through_an_EDXL_HAVE_document()
    {
        var capacity = new HospitalCapacity(5, 3, 42, 9, 2, true);
        var xml = EdxlHaveWriter.ToXml(EdxlHaveWriter.Write([State(capacity, EdStatus.Diversion("CT down"))]));
        Assert.Contains("urn:oasis:names:tc:emergency:EDXL:HAVE:1.0", xml);
        Assert.Contains("<have:EMSTrafficStatus>Closed</have:EMSTrafficStatus>", xml);

        var read = EdxlHaveReader.Read(xml);
        Assert.Empty(read.Errors);
        var report = Assert.Single(read.Hospitals);
        Assert.Equal("H-03", report.HospitalId);
        Assert.Equal(capacity, report.Over(new HospitalCapacity(0, 0, 0, 0, 0, false)));
        Assert.Equal(EdStatus.Diversion("CT down"), report.Over(EdStatus.Open));
    }

    [Fact]
    public void A_bad_value_is_refused_with_its_element_named_and_nothing_is_read()
    {
        var xml = EdxlHaveWriter.ToXml(EdxlHaveWriter.Write([State(new HospitalCapacity(5, 3, 42, 9, 2, true), EdStatus.Open)]))
            .Replace("<have:AvailableCount>9</have:AvailableCount>", "<have:AvailableCount>nine</have:AvailableCount>")
            .Replace("<have:EMSTrafficStatus>Normal</have:EMSTrafficStatus>", "<have:EMSTrafficStatus>Busy</have:EMSTrafficStatus>");
        var read = EdxlHaveReader.Read(xml);
        Assert.Empty(read.Hospitals);
        Assert.Contains(read.Errors, e => e.StartsWith("HospitalStatus/Hospital[1]/HospitalBedCapacityStatus/BedCapacity[1]/Capacity/AvailableCount: \"nine\""));
        Assert.Contains(read.Errors, e => e.StartsWith("HospitalStatus/Hospital[1]/EmergencyDepartmentStatus/EMSTraffic/EMSTrafficStatus: \"Busy\""));
    }

    [Fact]
    public void A_document_in_another_namespace_is_refused()
    {
        var read = EdxlHaveReader.Read("<HospitalStatus xmlns=\"urn:example\"/>");
        Assert.StartsWith("HospitalStatus: the root must be HospitalStatus", Assert.Single(read.Errors));
    }
}
