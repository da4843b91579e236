using Emergency.Domain.Ambulances;
using Emergency.Domain.Dispatch;
using Emergency.Domain.Geo;
using Emergency.Domain.Hospitals;
using Emergency.Grains.Devices;
using Emergency.Grains.Hospitals;
using Emergency.Grains.Patients;
using Emergency.Grains.Regions;
using static Emergency.Grains.Tests.Frames;

namespace Emergency.Grains.Tests;

[Collection(ClusterCollection.Name)]
public sealed class HospitalGrainTests(ClusterFixture fx)
{
    private static readonly HospitalCapacity Capacity = new(4, 1, 40, 6, 2, true);

    private static Hospital NewHospital(string id, DateTimeOffset updatedAt) => new(
        id, "Test General", "sh", 31.2290, 121.4760,
        new HospitalCapabilities(TraumaLevel.Level1, Pci24x7: true, StrokeCapability.Thrombectomy, false, true, true),
        Capacity, EdStatus.Open, updatedAt, "region-file");

    private async Task<IHospitalGrain> Seeded(string id)
    {
        var grain = fx.Grains.GetGrain<IHospitalGrain>(id);
        await grain.Seed(NewHospital(id, fx.Clock.GetUtcNow()));
        return grain;
    }

    [Fact]
    public async Task Unseeded_hospital_has_no_state_and_refuses_reports()
    {
        var grain = fx.Grains.GetGrain<IHospitalGrain>(Unique("H"));

        Assert.Null(await grain.GetState());
        var result = await grain.ReportCapacity(Capacity, EdStatus.Open, "nurse.li");
        Assert.Null(result.State);
        Assert.Contains("not known", Assert.Single(result.Errors));
    }

    [Fact]
    public async Task Capacity_report_with_free_above_total_and_negatives_names_each_field_and_changes_nothing()
    {
        var id = Unique("H");
        var grain = await Seeded(id);

        var result = await grain.ReportCapacity(Capacity with { ResusBaysFree = 5, EdBedsFree = -1 }, EdStatus.Open, "nurse.li");

        Assert.Null(result.State);
        Assert.Contains(result.Errors, e => e.StartsWith("capacity.resusBaysFree (5) exceeds capacity.resusBaysTotal (4)", StringComparison.Ordinal));
        Assert.Contains(result.Errors, e => e.StartsWith("capacity.edBedsFree: must not be negative", StringComparison.Ordinal));
        Assert.Equal(Capacity, (await grain.GetState())!.Hospital.Capacity);
        Assert.Empty(fx.Pushes.HospitalUpdates(id));
    }

    [Fact]
    public async Task Diversion_without_reason_and_missing_parts_are_refused()
    {
        var grain = await Seeded(Unique("H"));

        var noReason = await grain.ReportCapacity(Capacity, new EdStatus(EdState.Diversion), "nurse.li");
        var missing = await grain.ReportCapacity(null, null, "nurse.li");

        Assert.Contains("status.reason: required when status.state is diversion", noReason.Errors);
        Assert.Equal(["capacity: required", "status: required"], missing.Errors.ToArray());
    }

    [Fact]
    public async Task Accepted_report_is_stamped_pushed_at_once_and_turns_stale_after_the_maximum_age()
    {
        var id = Unique("H");
        var grain = await Seeded(id);
        fx.Clock.Advance(TimeSpan.FromMinutes(90));
        Assert.True((await grain.GetState())!.Stale); // the file's figures are older than an hour

        var reportedAt = fx.Clock.GetUtcNow();
        var result = await grain.ReportCapacity(Capacity with { ResusBaysFree = 0 }, EdStatus.Diversion("CT down"), "nurse.li");

        Assert.Empty(result.Errors);
        var state = result.State!;
        Assert.Equal("nurse.li", state.Hospital.UpdatedBy);
        Assert.Equal(reportedAt, state.Hospital.UpdatedAt);
        Assert.Equal(EdState.Diversion, state.Hospital.Status.State);
        Assert.False(state.Stale);
        Assert.Equal(0, Assert.Single(fx.Pushes.HospitalUpdates(id)).Hospital.Capacity.ResusBaysFree);

        fx.Clock.Advance(TimeSpan.FromMinutes(60));
        Assert.False((await grain.GetState())!.Stale); // exactly the maximum age is still fresh
        fx.Clock.Advance(TimeSpan.FromSeconds(1));
        Assert.True((await grain.GetState())!.Stale);
    }

    [Fact]
    public async Task Seeding_again_keeps_a_report_received_since()
    {
        var id = Unique("H");
        var grain = await Seeded(id);
        await grain.ReportCapacity(Capacity with { EdBedsFree = 1 }, EdStatus.Open, "nurse.li");

        await grain.Seed(NewHospital(id, fx.Clock.GetUtcNow()) with { Name = "Renamed" });

        var state = (await grain.GetState())!;
        Assert.Equal("Renamed", state.Hospital.Name);
        Assert.Equal(1, state.Hospital.Capacity.EdBedsFree);
        Assert.Equal("nurse.li", state.Hospital.UpdatedBy);
    }

    [Fact]
    public async Task Region_lists_its_hospitals()
    {
        var region = fx.Grains.GetGrain<IRegionGrain>(Unique("R"));
        await region.AddHospital("H-02");
        await region.AddHospital("H-01");
        await region.AddHospital("H-02");

        Assert.Equal(["H-01", "H-02"], (await region.GetHospitals()).ToArray());
    }

    [Fact]
    public async Task Destination_puts_the_patient_on_the_hospital_inbound_list_with_an_eta_and_the_recommended_rank()
    {
        var hospitalId = Unique("H");
        var hospital = await Seeded(hospitalId);
        var patientId = Unique("P");
        var unitId = Unique("AMB");
        var unit = fx.Grains.GetGrain<IAmbulanceGrain>(unitId);
        var t0 = fx.Clock.GetUtcNow();
        await unit.ApplyPosition("sh", new PositionFrame(1, t0, 31.2000, 121.4500, 40, 90));
        await unit.ApplyVitals("sh", Batch(Frame(patientId, 2, t0, Full())));
        var patient = fx.Grains.GetGrain<IPatientGrain>(patientId);
        await patient.RecordRecommendation(new DestinationRecommendation(patientId, t0,
            [new HospitalRecommendation("H-other", 1, 5, true, true, []), new HospitalRecommendation(hospitalId, 2, 9, true, true, [])], null));

        var answer = await unit.SetDestination(hospitalId, patientId, "dispatcher.wang", "family nearby");

        var destination = answer!.Destination!;
        Assert.Equal(hospitalId, destination.HospitalId);
        Assert.Equal(2, destination.RecommendedRank);
        Assert.Equal("dispatcher.wang", destination.DecidedBy);
        Assert.NotNull(destination.EtaMinutes);
        Assert.InRange(destination.EtaMinutes!.Value, 1, 30);
        var inbound = Assert.Single((await hospital.GetState())!.Inbound);
        Assert.Equal(patientId, inbound.PatientId);
        Assert.Equal(unitId, inbound.UnitId);
        var pushed = Assert.Single(fx.Pushes.InboundTo(hospitalId));
        Assert.Equal(patientId, pushed.PatientId);
        Assert.Equal(2, pushed.Destination!.RecommendedRank);
        Assert.Equal(hospitalId, (await patient.GetState())!.Destination!.HospitalId);

        // A nearer fix brings the ETA down on the hospital's list.
        await unit.ApplyPosition("sh", new PositionFrame(3, t0.AddSeconds(30), 31.2280, 121.4750, 40, 90));
        var nearer = Assert.Single((await hospital.GetState())!.Inbound);
        Assert.True(nearer.EtaMinutes < destination.EtaMinutes);
    }

    [Fact]
    public async Task Destination_of_an_unknown_hospital_or_unit_is_refused()
    {
        var unitId = Unique("AMB");
        var unit = fx.Grains.GetGrain<IAmbulanceGrain>(unitId);
        var hospitalId = Unique("H");
        await Seeded(hospitalId);

        Assert.Null(await unit.SetDestination(hospitalId, "P-1", "dispatcher.wang", null)); // never reported

        await unit.ApplyPosition("sh", new PositionFrame(1, fx.Clock.GetUtcNow(), 31.2, 121.45, 0, 0));
        Assert.Null(await unit.SetDestination(Unique("H"), "P-1", "dispatcher.wang", null));
        Assert.Empty((await fx.Grains.GetGrain<IHospitalGrain>(hospitalId).GetState())!.Inbound);
    }

    [Fact]
    public async Task Arrival_takes_the_unit_off_the_inbound_list()
    {
        var hospitalId = Unique("H");
        var hospital = await Seeded(hospitalId);
        var patientId = Unique("P");
        var unit = fx.Grains.GetGrain<IAmbulanceGrain>(Unique("AMB"));
        var t0 = fx.Clock.GetUtcNow();
        await unit.ApplyPosition("sh", new PositionFrame(1, t0, 31.2000, 121.4500, 40, 90));
        await unit.ApplyVitals("sh", Batch(Frame(patientId, 2, t0, Full())));
        await unit.SetDestination(hospitalId, patientId, "dispatcher.wang", null);
        Assert.Single((await hospital.GetState())!.Inbound);

        await unit.ApplyStatus("sh", new StatusFrame(3, t0.AddMinutes(9), AmbulanceStatus.AtHospital, patientId));

        Assert.Empty((await hospital.GetState())!.Inbound);
        Assert.Null((await unit.GetState())!.Destination);
        Assert.Equal(hospitalId, (await fx.Grains.GetGrain<IPatientGrain>(patientId).GetState())!.Destination!.HospitalId);
    }
}
