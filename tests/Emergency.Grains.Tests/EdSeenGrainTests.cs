using Emergency.Domain.Ambulances;
using Emergency.Domain.Devices;
using Emergency.Domain.Geo;
using Emergency.Domain.Hospitals;
using Emergency.Domain.Patients;
using Emergency.Grains.Devices;
using Emergency.Grains.Hospitals;
using Emergency.Grains.Patients;
using static Emergency.Grains.Tests.Frames;

namespace Emergency.Grains.Tests;

/// <summary>The receiving ED's "seen" confirmation, as the patient grain keeps and pushes it.</summary>
[Collection(ClusterCollection.Name)]
public sealed class EdSeenGrainTests(ClusterFixture fx)
{
    private static readonly DeviceRef Amb = new(DeviceKind.Ambulance, "AMB-T1");

    private Destination To(string hospitalId, string patientId) => new(hospitalId, new GeoPoint(31.2, 121.47), "AMB-T1", patientId,
        "dispatcher.wang", fx.Clock.GetUtcNow(), null, null, 9.5, fx.Clock.GetUtcNow().AddMinutes(9.5));

    private async Task<(string Id, IPatientGrain Grain)> InboundPatient(string hospitalId)
    {
        var id = Unique("P");
        var patient = fx.Grains.GetGrain<IPatientGrain>(id);
        await patient.ApplyVitals("sh", Amb, Batch(Frame(id, 1, fx.Clock.GetUtcNow(), Full())));
        await patient.SetDestination(To(hospitalId, id));
        return (id, patient);
    }

    [Fact]
    public async Task Seen_records_who_when_and_the_destination_and_is_handed_over_to_push_at_once()
    {
        var (id, patient) = await InboundPatient("H-03");
        var before = (await patient.GetState())!.Version;
        var coalescedBefore = fx.Pushes.For(id).Count;

        var answer = await patient.MarkSeen("dr.chen", hospitalId: null);

        Assert.Equal(EdSeenStatus.Ok, answer.Status);
        Assert.Null(answer.Error);
        var expected = new EdSeen("dr.chen", fx.Clock.GetUtcNow(), "H-03");
        Assert.Equal(expected, answer.State!.EdSeen);
        Assert.True(answer.State.Version > before);
        var state = (await patient.GetState())!;
        Assert.Equal(expected, state.EdSeen);
        var pushed = Assert.Single(fx.Pushes.AtOnceFor(id));
        Assert.Equal(expected, pushed.EdSeen);
        Assert.Equal(answer.State.Version, pushed.Version);
        Assert.Equal(coalescedBefore, fx.Pushes.For(id).Count); // not also queued for coalescing
    }

    [Fact]
    public async Task Seen_again_keeps_the_first_confirmation_and_pushes_nothing()
    {
        var (id, patient) = await InboundPatient("H-03");
        var first = await patient.MarkSeen("dr.chen", "H-03");
        fx.Clock.Advance(TimeSpan.FromMinutes(1));

        var again = await patient.MarkSeen("nurse.wu", null);

        Assert.Equal(EdSeenStatus.AlreadySeen, again.Status);
        Assert.Equal(first.State!.EdSeen, again.State!.EdSeen);
        Assert.Equal(first.State.Version, again.State.Version);
        Assert.Single(fx.Pushes.AtOnceFor(id));
    }

    [Fact]
    public async Task Seen_is_refused_for_an_unknown_patient_without_a_destination_or_for_another_hospital_and_changes_nothing()
    {
        var unknown = await fx.Grains.GetGrain<IPatientGrain>(Unique("P")).MarkSeen("dr.chen", null);
        Assert.Equal(EdSeenStatus.UnknownPatient, unknown.Status);
        Assert.Null(unknown.State);

        var id = Unique("P");
        var patient = fx.Grains.GetGrain<IPatientGrain>(id);
        await patient.ApplyVitals("sh", Amb, Batch(Frame(id, 1, fx.Clock.GetUtcNow(), Full())));
        var noDestination = await patient.MarkSeen("dr.chen", null);
        Assert.Equal(EdSeenStatus.NoDestination, noDestination.Status);
        Assert.StartsWith("hospitalId: ", noDestination.Error);

        await patient.SetDestination(To("H-03", id));
        var version = (await patient.GetState())!.Version;
        var otherHospital = await patient.MarkSeen("dr.chen", "H-04");
        var noName = await patient.MarkSeen("  ", null);

        Assert.Equal(EdSeenStatus.NotTheDestination, otherHospital.Status);
        Assert.Contains("H-04", otherHospital.Error);
        Assert.Equal(EdSeenStatus.InvalidArgument, noName.Status);
        Assert.StartsWith("by: ", noName.Error);
        var state = (await patient.GetState())!;
        Assert.Null(state.EdSeen);
        Assert.Equal(version, state.Version);
        Assert.Empty(fx.Pushes.AtOnceFor(id));
    }

    [Fact]
    public async Task Seen_is_cleared_when_the_patient_is_sent_to_another_hospital_and_kept_when_the_same_one_is_confirmed()
    {
        var (id, patient) = await InboundPatient("H-03");
        var seen = (await patient.MarkSeen("dr.chen", null)).State!.EdSeen;

        await patient.SetDestination(To("H-03", id)); // the same hospital again (e.g. a new decision with a reason)
        Assert.Equal(seen, (await patient.GetState())!.EdSeen);

        await patient.SetDestination(To("H-07", id));
        var moved = (await patient.GetState())!;
        Assert.Null(moved.EdSeen);
        Assert.Null(fx.Pushes.For(id)[^1].EdSeen); // the change of destination is pushed without it

        var newEd = await patient.MarkSeen("dr.li", null);
        Assert.Equal(new EdSeen("dr.li", fx.Clock.GetUtcNow(), "H-07"), newEd.State!.EdSeen);
    }

    [Fact]
    public async Task Seen_survives_new_vitals_a_context_update_and_an_alert_acknowledgement()
    {
        var (id, patient) = await InboundPatient("H-03");
        var seen = (await patient.MarkSeen("dr.chen", null)).State!.EdSeen;
        var t0 = fx.Clock.GetUtcNow();

        for (var seq = 2; seq <= 5; seq++)
        {
            await patient.ApplyVitals("sh", Amb, Batch(Frame(id, seq, t0.AddSeconds(seq), Full(hr: 130))));
        }
        await patient.SetContext(new PatientContext { AgeYears = 70, Condition = ConditionCategory.Sepsis });
        var open = (await patient.GetAlerts()).Open;
        Assert.NotEmpty(open);
        await patient.AcknowledgeAlert(open[0].AlertId, "dr.chen");

        var state = (await patient.GetState())!;
        Assert.Equal(seen, state.EdSeen);
        Assert.Equal(130, state.Vitals.Hr);
        Assert.Equal(seen, fx.Pushes.For(id)[^1].EdSeen); // coalesced pushes carry it too
    }

    [Fact]
    public async Task A_unit_sent_elsewhere_clears_the_first_ed_s_confirmation()
    {
        var firstHospital = Unique("H");
        var secondHospital = Unique("H");
        foreach (var hospitalId in new[] { firstHospital, secondHospital })
        {
            await fx.Grains.GetGrain<IHospitalGrain>(hospitalId).Seed(new Hospital(
                hospitalId, "Test General", "sh", 31.2290, 121.4760,
                new HospitalCapabilities(TraumaLevel.Level1, true, StrokeCapability.Thrombectomy, false, true, true),
                new HospitalCapacity(4, 1, 40, 6, 2, true), EdStatus.Open, fx.Clock.GetUtcNow(), "region-file"));
        }
        var patientId = Unique("P");
        var unit = fx.Grains.GetGrain<IAmbulanceGrain>(Unique("AMB"));
        var t0 = fx.Clock.GetUtcNow();
        await unit.ApplyPosition("sh", new PositionFrame(1, t0, 31.2000, 121.4500, 40, 90));
        await unit.ApplyVitals("sh", Batch(Frame(patientId, 2, t0, Full())));
        await unit.SetDestination(firstHospital, patientId, "dispatcher.wang", null);
        var patient = fx.Grains.GetGrain<IPatientGrain>(patientId);
        Assert.Equal(firstHospital, (await patient.MarkSeen("dr.chen", firstHospital)).State!.EdSeen!.HospitalId);

        await unit.SetDestination(secondHospital, patientId, "dispatcher.wang", "first ED on diversion");

        Assert.Null((await patient.GetState())!.EdSeen);
    }
}
