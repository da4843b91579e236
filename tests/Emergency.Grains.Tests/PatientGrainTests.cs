using Emergency.Domain.Devices;
using Emergency.Domain.Scoring;
using Emergency.Domain.Vitals;
using Emergency.Grains.Devices;
using Emergency.Grains.Patients;
using Emergency.Grains.Regions;
using static Emergency.Grains.Tests.Frames;

namespace Emergency.Grains.Tests;

[Collection(ClusterCollection.Name)]
public sealed class PatientGrainTests(ClusterFixture fx)
{
    private static readonly DeviceRef Amb = new(DeviceKind.Ambulance, "AMB-T1");

    [Fact]
    public async Task Unknown_patient_has_no_state()
    {
        Assert.Null(await fx.Grains.GetGrain<IPatientGrain>(Unique("P")).GetState());
    }

    [Fact]
    public async Task Frames_in_order_show_the_newest_values_and_score_a_new_band_once_it_holds()
    {
        var id = Unique("P");
        var t0 = fx.Clock.GetUtcNow();
        var patient = fx.Grains.GetGrain<IPatientGrain>(id);

        await patient.ApplyVitals("sh", Amb, Batch(Frame(id, 1, t0, Full(hr: 80, rr: 16, spo2: 98, sbp: 120, temp: 37.0, o2: false))));
        await patient.ApplyVitals("sh", Amb, Batch(Frame(id, 2, t0.AddSeconds(1), Full())));

        var pending = await patient.GetState();
        Assert.NotNull(pending);
        Assert.Equal(112, pending.Vitals.Hr); // shown at once...
        Assert.Equal(0, pending.News2.Hr); // ...but not scored until the new band holds
        Assert.Equal(0, pending.News2.Rr);
        Assert.Equal(2, pending.News2.Total); // only oxygen, a setting rather than a measurement, counts at once
        Assert.Equal(ReadingStatus.Pending, pending.Flags.Hr);

        await patient.ApplyVitals("sh", Amb, Batch(
            Frame(id, 3, t0.AddSeconds(2), Full()),
            Frame(id, 4, t0.AddSeconds(3), Full())));

        var state = await patient.GetState();
        Assert.Equal(t0.AddSeconds(3), state!.VitalsAt);
        Assert.Equal(11, state.News2.Total);
        Assert.Equal(News2Risk.High, state.News2.Risk);
        Assert.True(state.News2.Complete);
        Assert.Equal(ReadingStatus.Confirmed, state.Flags.Hr);
        Assert.Equal(Amb, state.Source);
        Assert.Equal(4, state.WindowSamples);
    }

    [Fact]
    public async Task Late_frame_goes_into_the_window_but_never_overwrites_newer_values()
    {
        var id = Unique("P");
        var t0 = fx.Clock.GetUtcNow();
        var patient = fx.Grains.GetGrain<IPatientGrain>(id);

        await patient.ApplyVitals("sh", Amb, Batch(Frame(id, 10, t0, Full(hr: 70))));
        var before = (await patient.GetState())!.Version;
        await patient.ApplyVitals("sh", Amb, Batch(Frame(id, 5, t0.AddSeconds(-30), Full(hr: 150))));

        var state = await patient.GetState();
        Assert.Equal(70, state!.Vitals.Hr);
        Assert.Equal(t0, state.VitalsAt);
        Assert.Equal(2, state.WindowSamples);
        Assert.Equal(before, state.Version); // nothing current moved
    }

    [Fact]
    public async Task Late_frame_still_sets_a_parameter_that_has_no_newer_value()
    {
        var id = Unique("P");
        var t0 = fx.Clock.GetUtcNow();
        var patient = fx.Grains.GetGrain<IPatientGrain>(id);

        await patient.ApplyVitals("sh", Amb, Batch(Frame(id, 10, t0, new VitalSigns(Hr: 70, null, null, null, null, null, null, null, null))));
        await patient.ApplyVitals("sh", Amb, Batch(Frame(id, 9, t0.AddSeconds(-5), new VitalSigns(Hr: 90, null, null, null, null, Temp: 37.2, null, null, null))));

        var state = await patient.GetState();
        Assert.Equal(70, state!.Vitals.Hr);
        Assert.Equal(37.2, state.Vitals.Temp);
    }

    [Fact]
    public async Task Subsets_from_a_wearable_combine_into_one_picture()
    {
        var id = Unique("P");
        var t0 = fx.Clock.GetUtcNow();
        var patient = fx.Grains.GetGrain<IPatientGrain>(id);
        var watch = new DeviceRef(DeviceKind.Wearable, "W-T1");

        await patient.ApplyVitals("sh", watch, Batch(Frame(id, 1, t0, new VitalSigns(Hr: 95, null, null, null, null, null, null, null, null))));
        await patient.ApplyVitals("sh", watch, Batch(Frame(id, 2, t0.AddSeconds(1), new VitalSigns(null, null, Spo2: 95, null, null, null, null, null, null))));

        var state = await patient.GetState();
        Assert.Equal(95, state!.Vitals.Hr);
        Assert.Equal(95, state.Vitals.Spo2);
        Assert.Equal(1, state.News2.Hr);
        Assert.Equal(1, state.News2.Spo2);
        Assert.Equal(2, state.News2.Total);
        Assert.False(state.News2.Complete);
        Assert.Null(state.News2.Rr);
    }

    [Fact]
    public async Task Values_older_than_the_freshness_limit_leave_NEWS2_but_stay_visible()
    {
        var id = Unique("P");
        var t0 = fx.Clock.GetUtcNow();
        var patient = fx.Grains.GetGrain<IPatientGrain>(id);
        await patient.ApplyVitals("sh", Amb, Batch(Frame(id, 1, t0, Full())));
        // Only the heart rate keeps coming.
        var hrOnly = new VitalSigns(Hr: 112, null, null, null, null, null, null, null, null);

        fx.Clock.Advance(TimeSpan.FromMinutes(5));
        await patient.ApplyVitals("sh", Amb, Batch(Frame(id, 2, fx.Clock.GetUtcNow(), hrOnly)));
        var atLimit = await patient.GetState();
        Assert.True(atLimit!.News2.Complete); // exactly 5 min old is still fresh
        Assert.Equal(11, atLimit.News2.Total);

        fx.Clock.Advance(TimeSpan.FromMilliseconds(1));
        var past = await patient.GetState();
        Assert.False(past!.News2.Complete);
        Assert.Equal(2, past.News2.Total); // only HR (2) is still fresh
        Assert.Null(past.News2.Rr);
        Assert.Null(past.News2.Temp);
        Assert.Equal(24, past.Vitals.Rr); // the last value is still shown
    }

    [Fact]
    public async Task Every_change_is_handed_to_the_push_sink_with_a_strictly_rising_version()
    {
        var id = Unique("P");
        var t0 = fx.Clock.GetUtcNow();
        var patient = fx.Grains.GetGrain<IPatientGrain>(id);

        for (var i = 1; i <= 3; i++)
        {
            await patient.ApplyVitals("sh", Amb, Batch(Frame(id, i, t0.AddSeconds(i), Full(hr: 80 + i))));
        }

        var pushed = fx.Pushes.For(id);
        Assert.Equal(3, pushed.Count);
        Assert.True(pushed[0].Version < pushed[1].Version && pushed[1].Version < pushed[2].Version);
        Assert.Equal(83, pushed[^1].Vitals.Hr);
    }

    [Fact]
    public async Task Version_keeps_rising_after_the_grain_is_recreated()
    {
        // A board still showing the old version must accept the new activation's: versions keep rising.
        var id = Unique("P");
        var patient = fx.Grains.GetGrain<IPatientGrain>(id);
        await patient.ApplyVitals("sh", Amb, Batch(Frame(id, 1, fx.Clock.GetUtcNow(), Full())));
        await patient.ApplyVitals("sh", Amb, Batch(Frame(id, 2, fx.Clock.GetUtcNow().AddSeconds(1), Full(hr: 90))));
        var before = (await patient.GetState())!.Version;
        var reads = fx.Storage.ReadsOf(patient.GetGrainId());

        await fx.Cluster.Client.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);
        fx.Clock.Advance(TimeSpan.FromSeconds(1));
        await patient.ApplyVitals("sh", Amb, Batch(Frame(id, 3, fx.Clock.GetUtcNow(), Full(hr: 95))));

        var after = (await patient.GetState())!;
        Assert.True(fx.Storage.ReadsOf(patient.GetGrainId()) > reads); // a new activation indeed
        Assert.Equal(3, after.WindowSamples); // its window came back from the stored snapshot
        Assert.True(after.Version > before);
    }

    [Fact]
    public async Task A_patient_is_listed_in_its_region_and_moves_with_it()
    {
        var id = Unique("P");
        var regionA = Unique("ra");
        var regionB = Unique("rb");
        var patient = fx.Grains.GetGrain<IPatientGrain>(id);

        await patient.ApplyVitals(regionA, Amb, Batch(Frame(id, 1, fx.Clock.GetUtcNow(), Full())));
        Assert.Contains(id, await fx.Grains.GetGrain<IRegionGrain>(regionA).GetPatients());

        await patient.ApplyVitals(regionB, Amb, Batch(Frame(id, 2, fx.Clock.GetUtcNow().AddSeconds(1), Full())));
        Assert.DoesNotContain(id, await fx.Grains.GetGrain<IRegionGrain>(regionA).GetPatients());
        Assert.Contains(id, await fx.Grains.GetGrain<IRegionGrain>(regionB).GetPatients());
        Assert.Equal(regionB, (await patient.GetState())!.Region);
    }
}
