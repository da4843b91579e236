using Emergency.Domain.Alerts;
using Emergency.Domain.Devices;
using Emergency.Domain.Dispatch;
using Emergency.Domain.Geo;
using Emergency.Domain.Hospitals;
using Emergency.Domain.Vitals;
using Emergency.Grains.Devices;
using Emergency.Grains.Hospitals;
using Emergency.Grains.Patients;
using Emergency.Grains.Persistence;
using Emergency.Grains.Regions;
using Orleans.Core.Internal;
using static Emergency.Grains.Tests.Frames;

namespace Emergency.Grains.Tests;

/// <summary>
/// Grain state and its store: an action whose write fails is undone in memory and fails the call, so memory never runs
/// ahead of the store; a grain deactivated and activated again (a new activation reading its stored state) has the same
/// scores, open alerts, acknowledgements and capacity; a journal replay skips frames a snapshot already holds.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class GrainStateTests(ClusterFixture fx)
{
    private static readonly DeviceRef Amb = new(DeviceKind.Ambulance, "AMB-ST");
    private static readonly HospitalCapacity Capacity = new(4, 1, 40, 6, 2, true);
    private long _seq;

    private static VitalSigns Normal(double spo2 = 97) => new(80, 16, spo2, 120, 75, 37.0, Acvpu.Alert, false, Spo2Scale.Scale1);

    private Task Send(IPatientGrain patient, string id, VitalSigns vitals, TimeSpan after)
    {
        fx.Clock.Advance(after);
        return patient.ApplyVitals("sh", Amb, Batch(Frame(id, Interlocked.Increment(ref _seq), fx.Clock.GetUtcNow(), vitals)));
    }

    /// <summary>A patient whose desaturation has raised a single-parameter alert (confirmed after 10 s).</summary>
    private async Task<(IPatientGrain Grain, string Id, Alert Alert)> Desaturated()
    {
        var id = Unique("P");
        var patient = fx.Grains.GetGrain<IPatientGrain>(id);
        await Send(patient, id, Normal(), TimeSpan.Zero);
        await Send(patient, id, Normal(spo2: 88), TimeSpan.FromSeconds(1));
        await Send(patient, id, Normal(spo2: 88), TimeSpan.FromSeconds(10));
        var alert = Assert.Single((await patient.GetAlerts()).Open, a => a.Kind == AlertKind.SingleParameter);
        return (patient, id, alert);
    }

    private static string Json<T>(T value) => System.Text.Json.JsonSerializer.Serialize(value);

    private static GrainId IdOf(IAddressable grain) => grain.GetGrainId();

    private static async Task Reactivate(IAddressable grain) =>
        await grain.Cast<IGrainManagementExtension>().DeactivateOnIdle();

    [Fact]
    public async Task Acknowledgement_whose_write_fails_fails_the_call_and_leaves_the_alert_unacknowledged_in_memory_and_store()
    {
        var (patient, _, alert) = await Desaturated();
        fx.Storage.FailWritesOf(IdOf(patient));
        try
        {
            await Assert.ThrowsAsync<GrainStateWriteException>(() => patient.AcknowledgeAlert(alert.AlertId, "dr.wang"));
        }
        finally
        {
            fx.Storage.Heal(IdOf(patient));
        }

        var inMemory = Assert.Single((await patient.GetAlerts()).Open, a => a.AlertId == alert.AlertId);
        Assert.Null(inMemory.AcknowledgedBy);
        var stored = await fx.Storage.Stored<PatientState>("patient", IdOf(patient));
        Assert.DoesNotContain(stored.Alerts?.Alerts ?? [], a => a.AlertId == alert.AlertId && a.AcknowledgedBy is not null);

        // Once the store takes writes again, the same acknowledgement succeeds and is stored before it is answered.
        var answer = await patient.AcknowledgeAlert(alert.AlertId, "dr.wang");
        Assert.Equal("dr.wang", answer.Alert!.AcknowledgedBy);
        stored = await fx.Storage.Stored<PatientState>("patient", IdOf(patient));
        Assert.Equal("dr.wang", Assert.Single(stored.Alerts!.Alerts, a => a.AlertId == alert.AlertId).AcknowledgedBy);
    }

    [Fact]
    public async Task Capacity_report_whose_write_fails_fails_the_call_and_leaves_the_previous_capacity_in_memory_and_store()
    {
        var id = Unique("H");
        var hospital = fx.Grains.GetGrain<IHospitalGrain>(id);
        await hospital.Seed(new Hospital(id, "Test General", "sh", 31.2290, 121.4760,
            new HospitalCapabilities(TraumaLevel.Level1, Pci24x7: true, StrokeCapability.Thrombectomy, false, true, true),
            Capacity, EdStatus.Open, fx.Clock.GetUtcNow(), "region-file"));
        await hospital.ReportCapacity(Capacity with { EdBedsFree = 5 }, EdStatus.Open, "nurse.li");

        fx.Storage.FailWritesOf(IdOf(hospital));
        try
        {
            await Assert.ThrowsAsync<GrainStateWriteException>(() => hospital.ReportCapacity(Capacity with { EdBedsFree = 1 }, EdStatus.Open, "nurse.li"));
        }
        finally
        {
            fx.Storage.Heal(IdOf(hospital));
        }

        Assert.Equal(5, (await hospital.GetState())!.Hospital.Capacity.EdBedsFree);
        var stored = await fx.Storage.Stored<HospitalStoredState>("hospital", IdOf(hospital));
        Assert.Equal(5, stored.Reported!.Capacity.EdBedsFree);
    }

    [Fact]
    public async Task Reactivated_patient_and_hospital_have_the_same_scores_open_alerts_acknowledgements_and_capacity()
    {
        var (patient, id, alert) = await Desaturated();
        await patient.AcknowledgeAlert(alert.AlertId, "dr.wang");
        await Send(patient, id, Normal(spo2: 87), TimeSpan.FromSeconds(1)); // after the ack: only in the snapshot
        var hospitalId = Unique("H");
        var hospital = fx.Grains.GetGrain<IHospitalGrain>(hospitalId);
        await hospital.Seed(new Hospital(hospitalId, "Test General", "sh", 31.2290, 121.4760,
            new HospitalCapabilities(TraumaLevel.Level1, Pci24x7: true, StrokeCapability.Thrombectomy, false, true, true),
            Capacity, EdStatus.Open, fx.Clock.GetUtcNow(), "region-file"));
        await hospital.ReportCapacity(Capacity with { ResusBaysFree = 0, EdBedsFree = 3 }, EdStatus.Open, "nurse.li");
        var before = (await patient.GetState())!;
        var alertsBefore = await patient.GetAlerts();
        var hospitalBefore = (await hospital.GetState())!;
        var patientReads = fx.Storage.ReadsOf(IdOf(patient));
        var hospitalReads = fx.Storage.ReadsOf(IdOf(hospital));

        await Reactivate(patient); // deactivation writes the snapshot
        await Reactivate(hospital);
        var after = (await patient.GetState())!;
        var alertsAfter = await patient.GetAlerts();
        var hospitalAfter = (await hospital.GetState())!;

        Assert.True(fx.Storage.ReadsOf(IdOf(patient)) > patientReads, "the patient was not activated anew");
        Assert.True(fx.Storage.ReadsOf(IdOf(hospital)) > hospitalReads, "the hospital was not activated anew");
        Assert.Equal(before.News2, after.News2);
        Assert.Equal(before.Vitals, after.Vitals);
        // Measurement times are kept to the millisecond, as devices send them.
        Assert.Equal(before.VitalsAt!.Value.ToUnixTimeMilliseconds(), after.VitalsAt!.Value.ToUnixTimeMilliseconds());
        Assert.Equal(before.Qsofa, after.Qsofa);
        Assert.Equal(before.Flags, after.Flags);
        Assert.Equal(before.Version, after.Version);
        Assert.Equal(Json(alertsBefore.Open), Json(alertsAfter.Open)); // ids, levels, times, acknowledgements
        Assert.Equal("dr.wang", Assert.Single(alertsAfter.Open, a => a.AlertId == alert.AlertId).AcknowledgedBy);
        Assert.Equal(hospitalBefore.Hospital.Capacity, hospitalAfter.Hospital.Capacity);
        Assert.Equal("nurse.li", hospitalAfter.Hospital.UpdatedBy);
        Assert.Contains(id, await fx.Grains.GetGrain<IRegionGrain>("sh").GetPatients());
    }

    [Fact]
    public async Task Escalation_resumes_from_the_stored_due_time_not_from_the_reactivation()
    {
        var (patient, _, alert) = await Desaturated(); // medium: escalates 120 s after it was raised
        fx.Clock.Advance(TimeSpan.FromSeconds(100));
        await patient.GetAlerts();
        await Reactivate(patient);

        fx.Clock.Advance(TimeSpan.FromSeconds(30)); // 130 s after the raise, 30 s after the reactivation
        var escalated = Assert.Single((await patient.GetAlerts()).Open, a => a.AlertId == alert.AlertId);

        Assert.Equal(1, escalated.EscalationLevel); // a timer started afresh at the reactivation would wait 90 s more
        Assert.Equal(alert.RaisedAt, escalated.RaisedAt);
    }

    [Fact]
    public async Task Replay_skips_frames_the_patient_snapshot_holds_and_applies_the_rest_even_if_the_device_saw_them()
    {
        var id = Unique("P");
        var unitId = Unique("AMB");
        var unit = fx.Grains.GetGrain<IAmbulanceGrain>(unitId);
        var patient = fx.Grains.GetGrain<IPatientGrain>(id);
        var t0 = fx.Clock.GetUtcNow();
        await unit.ApplyVitals("sh", Batch(Frame(id, 1, t0, Normal()), Frame(id, 2, t0.AddSeconds(1), Normal())));
        await patient.Cast<ISnapshotGrain>().FlushSnapshot();
        var samples = (await patient.GetState())!.WindowSamples;

        // The journal holds 1..3; the patient's store has 1..2; the device has seen all three.
        await unit.ApplyVitals("sh", Batch(Frame(id, 3, t0.AddSeconds(2), Normal(spo2: 95))));
        await unit.ReplayVitals("sh",
            Batch(Frame(id, 1, t0, Normal()), Frame(id, 2, t0.AddSeconds(1), Normal()), Frame(id, 3, t0.AddSeconds(2), Normal(spo2: 95))),
            [t0, t0.AddSeconds(1), t0.AddSeconds(2)]);

        var state = (await patient.GetState())!;
        Assert.Equal(samples + 1, state.WindowSamples); // frame 3 once, 1 and 2 not again
        Assert.Equal(95, state.Vitals.Spo2);
    }
}
