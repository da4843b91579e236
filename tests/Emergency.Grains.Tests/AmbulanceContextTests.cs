using Emergency.Domain.Ambulances;
using Emergency.Domain.Patients;
using Emergency.Grains.Devices;
using Emergency.Grains.Patients;
using static Emergency.Grains.Tests.Frames;

namespace Emergency.Grains.Tests;

/// <summary>Context frames from the crew tablet: applied to the named or on-board patient, once, latest word standing.</summary>
[Collection(ClusterCollection.Name)]
public sealed class AmbulanceContextTests(ClusterFixture fx)
{
    [Fact]
    public async Task A_context_for_the_patient_on_board_rescores_it_and_names_it_in_the_verdict()
    {
        var patientId = Unique("P");
        var unit = fx.Grains.GetGrain<IAmbulanceGrain>(Unique("AMB"));
        var t0 = fx.Clock.GetUtcNow();
        await unit.ApplyVitals("sh", Batch(Frame(patientId, 1, t0, Full())));

        var verdict = await unit.ApplyContext("sh", new ContextFrame(2, t0, null, new PatientContext { AgeYears = 12, Condition = ConditionCategory.Trauma }));

        Assert.Equal(FrameOutcome.Applied, verdict.Outcome);
        Assert.Equal(patientId, verdict.PatientId);
        var state = (await fx.Grains.GetGrain<IPatientGrain>(patientId).GetState())!;
        Assert.Equal(12, state.Context!.AgeYears);
        Assert.False(state.Applicability!.Value.Applicable);
    }

    [Fact]
    public async Task A_context_naming_another_patient_goes_to_that_patient()
    {
        var named = Unique("P");
        var unit = fx.Grains.GetGrain<IAmbulanceGrain>(Unique("AMB"));
        var t0 = fx.Clock.GetUtcNow();
        await unit.ApplyVitals("sh", Batch(Frame(Unique("P"), 1, t0, Full())));
        await fx.Grains.GetGrain<IWearableGrain>(Unique("W")).ApplyVitals("sh", Batch(Frame(named, 1, t0, Full())));

        var verdict = await unit.ApplyContext("sh", new ContextFrame(2, t0, named, new PatientContext { AgeYears = 31 }));

        Assert.Equal(named, verdict.PatientId);
        Assert.Equal(31, (await fx.Grains.GetGrain<IPatientGrain>(named).GetState())!.Context!.AgeYears);
    }

    [Fact]
    public async Task Without_a_patient_on_board_or_named_the_frame_is_refused()
    {
        var unit = fx.Grains.GetGrain<IAmbulanceGrain>(Unique("AMB"));
        await unit.ApplyStatus("sh", new StatusFrame(1, fx.Clock.GetUtcNow(), AmbulanceStatus.Available, null));

        var verdict = await unit.ApplyContext("sh", new ContextFrame(2, fx.Clock.GetUtcNow(), null, new PatientContext { AgeYears = 40 }));

        Assert.Equal(FrameOutcome.Refused, verdict.Outcome);
        Assert.StartsWith("patientId: required", verdict.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_repeated_seq_is_a_duplicate_and_an_older_context_does_not_overwrite_a_newer_one()
    {
        var patientId = Unique("P");
        var unit = fx.Grains.GetGrain<IAmbulanceGrain>(Unique("AMB"));
        var t0 = fx.Clock.GetUtcNow();
        await unit.ApplyVitals("sh", Batch(Frame(patientId, 1, t0, Full())));
        await unit.ApplyContext("sh", new ContextFrame(3, t0.AddMinutes(2), null, new PatientContext { AgeYears = 70 }));

        var repeat = await unit.ApplyContext("sh", new ContextFrame(3, t0.AddMinutes(2), null, new PatientContext { AgeYears = 99 }));
        var late = await unit.ApplyContext("sh", new ContextFrame(2, t0.AddMinutes(1), null, new PatientContext { AgeYears = 69 }));

        Assert.Equal(FrameOutcome.Duplicate, repeat.Outcome);
        Assert.Equal(FrameOutcome.GapFilled, late.Outcome);
        Assert.Equal(70, (await fx.Grains.GetGrain<IPatientGrain>(patientId).GetState())!.Context!.AgeYears);
    }
}
