using Emergency.Domain.Ambulances;
using Emergency.Domain.Geo;
using Emergency.Domain.Hospitals;
using Emergency.Domain.Vitals;
using Emergency.Grains.Devices;
using Emergency.Grains.Hospitals;
using Emergency.Grains.Patients;
using static Emergency.Grains.Tests.Frames;

namespace Emergency.Grains.Tests;

/// <summary>
/// Resuscitation-bay holds for high-risk inbound patients and arrival by geofence or crew status: a hold starts with
/// the decision, follows the ETA, and ends on arrival, cancellation or time-out; arrived units move to the arrived list.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class ResusHoldAndArrivalTests(ClusterFixture fx)
{
    private static readonly GeoPoint HospitalAt = new(31.2290, 121.4760);
    private static readonly GeoPoint FarAway = new(31.2000, 121.4500);   // ~4 km south-west

    private static VitalSigns Stable() => Full(hr: 72, rr: 16, spo2: 98, sbp: 125, temp: 37.0, o2: false);

    private async Task<(IHospitalGrain Hospital, string HospitalId)> Seeded()
    {
        var id = Unique("H");
        var grain = fx.Grains.GetGrain<IHospitalGrain>(id);
        await grain.Seed(new Hospital(id, "Test General", "sh", HospitalAt.Lat, HospitalAt.Lon,
            new HospitalCapabilities(TraumaLevel.Level1, Pci24x7: true, StrokeCapability.Thrombectomy, false, true, true),
            new HospitalCapacity(4, 1, 40, 6, 2, true), EdStatus.Open, fx.Clock.GetUtcNow(), "region-file"));
        return (grain, id);
    }

    /// <summary>A unit far from the hospital with a patient scored from <paramref name="vitals"/>, sent there.</summary>
    private async Task<(IAmbulanceGrain Unit, string PatientId, Destination Destination)> SentThere(string hospitalId, VitalSigns vitals)
    {
        var patientId = Unique("P");
        var unit = fx.Grains.GetGrain<IAmbulanceGrain>(Unique("AMB"));
        var t0 = fx.Clock.GetUtcNow();
        await unit.ApplyPosition("sh", new PositionFrame(1, t0, FarAway.Lat, FarAway.Lon, 40, 45));
        await unit.ApplyVitals("sh", Batch(Frame(patientId, 2, t0, vitals)));
        var answer = await unit.SetDestination(hospitalId, patientId, "dispatcher.wang", null);
        return (unit, patientId, answer!.Destination!);
    }

    [Fact]
    public async Task A_news2_high_patient_gets_a_resus_bay_held_until_the_crew_reports_arrival()
    {
        var (hospital, hospitalId) = await Seeded();

        var (unit, patientId, destination) = await SentThere(hospitalId, Full());   // NEWS2 11: high

        Assert.Equal("NEWS2 high", destination.ResusHoldBasis);
        Assert.NotNull(destination.ResusHoldUntil);
        Assert.True(destination.ResusHoldUntil > destination.EtaAt, "the hold lasts past the ETA");
        var held = (await hospital.GetState())!;
        Assert.Equal(1, held.ResusBaysHeld);
        Assert.Equal(0, held.ResusBaysHeldForOthers(patientId));
        Assert.Equal(1, held.ResusBaysHeldForOthers("P-someone-else"));
        Assert.Equal(1, fx.Pushes.HospitalUpdates(hospitalId)[^1].ResusBaysHeld);
        Assert.Equal(1, held.Hospital.Capacity.ResusBaysFree);   // the report itself is what the hospital said

        var at = fx.Clock.GetUtcNow().AddMinutes(9);
        await unit.ApplyStatus("sh", new StatusFrame(3, at, AmbulanceStatus.AtHospital, patientId));

        var after = (await hospital.GetState())!;
        Assert.Equal(0, after.ResusBaysHeld);
        Assert.Empty(after.Inbound);
        var arrived = Assert.Single(after.Arrived);
        Assert.Equal(at, arrived.ArrivedAt);
        Assert.Null(arrived.ResusHoldUntil);
        Assert.Equal(0, fx.Pushes.HospitalUpdates(hospitalId)[^1].ResusBaysHeld);
        Assert.Equal(at, (await fx.Grains.GetGrain<IPatientGrain>(patientId).GetState())!.Destination!.ArrivedAt);
        Assert.Null((await unit.GetState())!.Destination);
    }

    [Fact]
    public async Task A_stable_patient_holds_no_bay()
    {
        var (hospital, hospitalId) = await Seeded();

        var (_, _, destination) = await SentThere(hospitalId, Stable());

        Assert.Null(destination.ResusHoldBasis);
        Assert.Null(destination.ResusHoldUntil);
        var state = (await hospital.GetState())!;
        Assert.Single(state.Inbound);
        Assert.Equal(0, state.ResusBaysHeld);
    }

    [Fact]
    public async Task A_fix_inside_the_geofence_is_an_arrival_and_one_just_outside_is_not()
    {
        var (hospital, hospitalId) = await Seeded();
        var (unit, patientId, first) = await SentThere(hospitalId, Full());
        var t = fx.Clock.GetUtcNow();

        // ~140 m north of the entrance: outside the 100 m default, still inbound, with a lower ETA and the hold moved.
        await unit.ApplyPosition("sh", new PositionFrame(3, t.AddMinutes(8), HospitalAt.Lat + 0.00126, HospitalAt.Lon, 10, 180));
        var near = Assert.Single((await hospital.GetState())!.Inbound);
        Assert.True(near.EtaMinutes < first.EtaMinutes);
        Assert.NotNull(near.ResusHoldUntil);
        var pushed = fx.Pushes.InboundTo(hospitalId)[^1];
        Assert.Equal(near.EtaMinutes, pushed.Destination!.EtaMinutes);

        // ~50 m: arrived.
        await unit.ApplyPosition("sh", new PositionFrame(4, t.AddMinutes(9), HospitalAt.Lat + 0.00045, HospitalAt.Lon, 5, 180));
        var state = (await hospital.GetState())!;
        Assert.Empty(state.Inbound);
        Assert.Equal(0, state.ResusBaysHeld);
        Assert.Equal(t.AddMinutes(9), Assert.Single(state.Arrived).ArrivedAt);
        Assert.NotNull((await fx.Grains.GetGrain<IPatientGrain>(patientId).GetState())!.Destination!.ArrivedAt);
    }

    [Fact]
    public async Task A_unit_free_again_cancels_the_trip_and_releases_the_hold()
    {
        var (hospital, hospitalId) = await Seeded();
        var (unit, patientId, _) = await SentThere(hospitalId, Full());

        await unit.ApplyStatus("sh", new StatusFrame(3, fx.Clock.GetUtcNow(), AmbulanceStatus.Available, null));

        var state = (await hospital.GetState())!;
        Assert.Empty(state.Inbound);
        Assert.Empty(state.Arrived);
        Assert.Equal(0, state.ResusBaysHeld);
    }

    [Fact]
    public async Task Another_destination_releases_the_first_hospitals_hold_and_holds_at_the_new_one()
    {
        var (first, firstId) = await Seeded();
        var (second, secondId) = await Seeded();
        var (unit, patientId, _) = await SentThere(firstId, Full());

        await unit.SetDestination(secondId, patientId, "dispatcher.wang", "first one full");

        Assert.Equal(0, (await first.GetState())!.ResusBaysHeld);
        Assert.Equal(1, (await second.GetState())!.ResusBaysHeld);
    }

    [Fact]
    public async Task A_hold_times_out_past_the_eta_and_is_not_taken_again_on_the_same_trip()
    {
        var (hospital, hospitalId) = await Seeded();
        var (unit, _, destination) = await SentThere(hospitalId, Full());
        var pushesBefore = fx.Pushes.HospitalUpdates(hospitalId).Count;

        fx.Clock.Advance(destination.ResusHoldUntil!.Value - fx.Clock.GetUtcNow());

        var expired = (await hospital.GetState())!;
        Assert.Equal(0, expired.ResusBaysHeld);
        Assert.Null(Assert.Single(expired.Inbound).ResusHoldUntil);
        Assert.Equal("NEWS2 high", expired.Inbound[0].ResusHoldBasis);
        Assert.True(fx.Pushes.HospitalUpdates(hospitalId).Count > pushesBefore, "the end of the hold is pushed");

        // The unit reports again, still far away: the trip goes on without a hold.
        await unit.ApplyPosition("sh", new PositionFrame(3, fx.Clock.GetUtcNow(), FarAway.Lat + 0.001, FarAway.Lon, 40, 45));
        Assert.Equal(0, (await hospital.GetState())!.ResusBaysHeld);
        Assert.Null((await unit.GetState())!.Destination!.ResusHoldUntil);
    }

    [Fact]
    public async Task Arrived_units_leave_the_arrived_list_after_the_list_time()
    {
        var (hospital, hospitalId) = await Seeded();
        var (unit, patientId, _) = await SentThere(hospitalId, Stable());
        await unit.ApplyStatus("sh", new StatusFrame(3, fx.Clock.GetUtcNow(), AmbulanceStatus.AtHospital, patientId));
        Assert.Single((await hospital.GetState())!.Arrived);

        fx.Clock.Advance(TimeSpan.FromMinutes(60));

        Assert.Empty((await hospital.GetState())!.Arrived);
    }
}
