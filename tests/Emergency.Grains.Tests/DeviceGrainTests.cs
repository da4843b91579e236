using Emergency.Domain.Ambulances;
using Emergency.Domain.Devices;
using Emergency.Grains.Devices;
using Emergency.Grains.Patients;
using static Emergency.Grains.Tests.Frames;

namespace Emergency.Grains.Tests;

[Collection(ClusterCollection.Name)]
public sealed class DeviceGrainTests(ClusterFixture fx)
{
    [Fact]
    public async Task Repeated_seq_is_a_duplicate_and_changes_nothing()
    {
        var patientId = Unique("P");
        var unit = fx.Grains.GetGrain<IAmbulanceGrain>(Unique("AMB"));
        var t0 = fx.Clock.GetUtcNow();

        var first = await unit.ApplyVitals("sh", Batch(Frame(patientId, 7, t0, Full(hr: 70))));
        var version = (await fx.Grains.GetGrain<IPatientGrain>(patientId).GetState())!.Version;
        var again = await unit.ApplyVitals("sh", Batch(Frame(patientId, 7, t0.AddSeconds(1), Full(hr: 140))));

        Assert.Equal(FrameOutcome.Applied, first[0].Outcome);
        Assert.Equal(FrameOutcome.Duplicate, again[0].Outcome);
        var state = await fx.Grains.GetGrain<IPatientGrain>(patientId).GetState();
        Assert.Equal(70, state!.Vitals.Hr);
        Assert.Equal(version, state.Version);
    }

    [Fact]
    public async Task A_device_that_restarts_its_counter_is_not_silenced_as_duplicates()
    {
        var patientId = Unique("P");
        var watch = fx.Grains.GetGrain<IWearableGrain>(Unique("W"));
        var t0 = fx.Clock.GetUtcNow();
        await watch.ApplyVitals("sh", Batch(Frame(patientId, 500, t0, Full(hr: 70))));
        await watch.ApplyVitals("sh", Batch(Frame(patientId, 501, t0.AddSeconds(1), Full(hr: 71))));

        // Rebooted: counts from 1 again, with fresh measurement times.
        var afterReboot = await watch.ApplyVitals("sh", Batch(Frame(patientId, 1, t0.AddSeconds(30), Full(hr: 90))));
        // ...while a resend of an old frame (its original time) is still a duplicate.
        var resend = await watch.ApplyVitals("sh", Batch(Frame(patientId, 501, t0.AddSeconds(1), Full(hr: 71))));

        Assert.Equal(FrameOutcome.Applied, afterReboot[0].Outcome);
        Assert.Equal(FrameOutcome.Duplicate, resend[0].Outcome);
        Assert.Equal(90, (await fx.Grains.GetGrain<IPatientGrain>(patientId).GetState())!.Vitals.Hr);
    }

    [Fact]
    public async Task Duplicates_inside_one_batch_are_caught_and_order_is_kept()
    {
        var patientId = Unique("P");
        var unit = fx.Grains.GetGrain<IAmbulanceGrain>(Unique("AMB"));
        var t0 = fx.Clock.GetUtcNow();

        var verdicts = await unit.ApplyVitals("sh", Batch(
            Frame(patientId, 1, t0, Full(hr: 70)),
            Frame(patientId, 2, t0.AddSeconds(1), Full(hr: 75)),
            Frame(patientId, 2, t0.AddSeconds(1), Full(hr: 75)),
            Frame(patientId, 3, t0.AddSeconds(2), Full(hr: 80))));

        Assert.Equal([FrameOutcome.Applied, FrameOutcome.Applied, FrameOutcome.Duplicate, FrameOutcome.Applied],
            verdicts.Select(v => v.Outcome));
        var state = await fx.Grains.GetGrain<IPatientGrain>(patientId).GetState();
        Assert.Equal(80, state!.Vitals.Hr);
        Assert.Equal(3, state.WindowSamples);
    }

    [Fact]
    public async Task Store_and_forward_replay_fills_the_gap_without_moving_current_state()
    {
        var patientId = Unique("P");
        var unit = fx.Grains.GetGrain<IAmbulanceGrain>(Unique("AMB"));
        var t0 = fx.Clock.GetUtcNow();

        await unit.ApplyVitals("sh", Batch(Frame(patientId, 1, t0, Full(hr: 70))));
        // Coverage gap: seq 2..4 held on the device; seq 5 gets through first.
        await unit.ApplyVitals("sh", Batch(Frame(patientId, 5, t0.AddSeconds(4), Full(hr: 90))));
        var replay = await unit.ApplyVitals("sh", Batch(
            Frame(patientId, 2, t0.AddSeconds(1), Full(hr: 75)),
            Frame(patientId, 3, t0.AddSeconds(2), Full(hr: 80)),
            Frame(patientId, 4, t0.AddSeconds(3), Full(hr: 85))));
        var replayAgain = await unit.ApplyVitals("sh", Batch(Frame(patientId, 3, t0.AddSeconds(2), Full(hr: 80))));

        Assert.All(replay, v => Assert.Equal(FrameOutcome.GapFilled, v.Outcome));
        Assert.Equal(FrameOutcome.Duplicate, replayAgain[0].Outcome);
        var state = await fx.Grains.GetGrain<IPatientGrain>(patientId).GetState();
        Assert.Equal(90, state!.Vitals.Hr);
        Assert.Equal(5, state.WindowSamples);
    }

    [Fact]
    public async Task A_wearable_is_bound_by_its_first_patient_id_and_may_omit_it_after()
    {
        var patientId = Unique("P");
        var watchId = Unique("W");
        var watch = fx.Grains.GetGrain<IWearableGrain>(watchId);
        var t0 = fx.Clock.GetUtcNow();

        await watch.ApplyVitals("sh", Batch(Frame(patientId, 1, t0, Full(hr: 70))));
        var unnamed = await watch.ApplyVitals("sh", Batch(Frame(null, 2, t0.AddSeconds(1), Full(hr: 72))));

        Assert.Equal(FrameOutcome.Applied, unnamed[0].Outcome);
        Assert.Equal(patientId, await watch.GetBoundPatient());
        var state = await fx.Grains.GetGrain<IPatientGrain>(patientId).GetState();
        Assert.Equal(72, state!.Vitals.Hr);
        Assert.Equal(new DeviceRef(DeviceKind.Wearable, watchId), state.Source);
    }

    [Fact]
    public async Task An_unbound_wearable_without_patient_id_is_refused_and_may_resend_the_seq()
    {
        var patientId = Unique("P");
        var watch = fx.Grains.GetGrain<IWearableGrain>(Unique("W"));
        var t0 = fx.Clock.GetUtcNow();

        var refused = await watch.ApplyVitals("sh", Batch(Frame(null, 1, t0, Full())));
        var resent = await watch.ApplyVitals("sh", Batch(Frame(patientId, 1, t0, Full())));

        Assert.Equal(FrameOutcome.Refused, refused[0].Outcome);
        Assert.Contains("not bound to a patient", refused[0].Reason);
        Assert.Equal(FrameOutcome.Applied, resent[0].Outcome);
    }

    [Fact]
    public async Task Crew_status_names_the_patient_that_the_monitor_then_reports_for()
    {
        var patientId = Unique("P");
        var unitId = Unique("AMB");
        var unit = fx.Grains.GetGrain<IAmbulanceGrain>(unitId);
        var t0 = fx.Clock.GetUtcNow();

        var status = await unit.ApplyStatus("sh", new StatusFrame(1, t0, AmbulanceStatus.Transporting, patientId));
        var vitals = await unit.ApplyVitals("sh", Batch(Frame(null, 2, t0.AddSeconds(1), Full())));

        Assert.Equal(FrameOutcome.Applied, status.Outcome);
        Assert.Equal(FrameOutcome.Applied, vitals[0].Outcome);
        Assert.Equal(11, (await fx.Grains.GetGrain<IPatientGrain>(patientId).GetState())!.News2.Total);
        var snapshot = await unit.GetState();
        Assert.Equal(AmbulanceStatus.Transporting, snapshot!.Status);
        Assert.Equal(patientId, snapshot.PatientId);

        await unit.ApplyStatus("sh", new StatusFrame(3, t0.AddSeconds(2), AmbulanceStatus.Available, null));
        Assert.Null((await unit.GetState())!.PatientId);
    }

    [Fact]
    public async Task Positions_share_the_unit_seq_and_a_late_fix_does_not_move_the_unit()
    {
        var unit = fx.Grains.GetGrain<IAmbulanceGrain>(Unique("AMB"));
        var t0 = fx.Clock.GetUtcNow();

        await unit.ApplyPosition("sh", new PositionFrame(1, t0.AddSeconds(-20), 31.10, 121.30, 40, 90));
        var now = await unit.ApplyPosition("sh", new PositionFrame(3, t0, 31.23, 121.47, 40, 90));
        var late = await unit.ApplyPosition("sh", new PositionFrame(2, t0.AddSeconds(-10), 31.20, 121.40, 40, 90));
        var dup = await unit.ApplyPosition("sh", new PositionFrame(3, t0, 31.23, 121.47, 40, 90));

        Assert.Equal(FrameOutcome.Applied, now.Outcome);
        Assert.Equal(FrameOutcome.GapFilled, late.Outcome);
        Assert.Equal(FrameOutcome.Duplicate, dup.Outcome);
        Assert.Equal(31.23, (await unit.GetState())!.Position!.Lat);
    }
}
