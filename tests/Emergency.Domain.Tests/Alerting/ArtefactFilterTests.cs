using Emergency.Domain.Scoring;
using Emergency.Domain.Vitals;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using static Emergency.Domain.Tests.Alerting.TestVitals;

namespace Emergency.Domain.Tests.Alerting;

public class ArtefactFilterTests
{
    private static readonly TimeSpan Delay = ArtefactOptions.Default.ConfirmationDelay;

    private static VitalSigns Spo2(double value) => VitalSigns.Empty with { Spo2 = value };

    private static VitalSigns Hr(double value) => VitalSigns.Empty with { Hr = value };

    /// <summary>A filter that has confirmed <see cref="TestVitals.Normal"/> at T0.</summary>
    private static ArtefactFilter Settled(ArtefactOptions? options = null)
    {
        var filter = new ArtefactFilter(options);
        var first = filter.Apply(T0, Normal);
        Assert.Equal(Normal, first.Confirmed);
        return filter;
    }

    [Fact]
    public void FirstReadings_ConfirmedAtOnce()
    {
        var filter = new ArtefactFilter();

        var result = filter.Apply(T0, Normal with { Spo2 = 88 });

        Assert.Equal(Normal with { Spo2 = 88 }, result.Confirmed);
        Assert.Equal(new ReadingFlags(ReadingStatus.Confirmed, ReadingStatus.Confirmed, ReadingStatus.Confirmed,
            ReadingStatus.Confirmed, ReadingStatus.Confirmed), result.Flags);
        Assert.False(result.Flags.AnyUnconfirmed);
    }

    [Fact]
    public void ChangeWithinBand_ConfirmedAtOnce()
    {
        var filter = Settled();

        var result = filter.Apply(At(1), Spo2(96)); // 98 → 96: both score 0

        Assert.Equal(96, result.Confirmed.Spo2);
        Assert.Equal(ReadingStatus.Confirmed, result.Flags.Spo2);
    }

    [Fact]
    public void ProbeOffBlip_NeverReachesScoring()
    {
        var filter = Settled();
        // 97 → 0 → 97 within 3 s, one frame a second.
        var a = filter.Apply(At(1), Spo2(97));
        var b = filter.Apply(At(2), Spo2(0));
        var c = filter.Apply(At(3), Spo2(0));
        var d = filter.Apply(At(4), Spo2(97));

        Assert.Equal([97.0, 97.0, 97.0, 97.0], new[] { a, b, c, d }.Select(r => r.Confirmed.Spo2!.Value));
        Assert.Equal(ReadingStatus.Artefact, b.Flags.Spo2);
        Assert.Equal(ReadingStatus.Artefact, c.Flags.Spo2);
        Assert.True(b.Flags.AnyUnconfirmed);
        Assert.Equal(ReadingStatus.Confirmed, d.Flags.Spo2);
    }

    [Fact]
    public void ProbeOff_HeldLong_NeverScored()
    {
        var filter = Settled();

        for (int s = 1; s <= 60; s++)
        {
            var result = filter.Apply(At(s), Spo2(0));
            Assert.Equal(ReadingStatus.Artefact, result.Flags.Spo2);
            Assert.Equal(98, result.Confirmed.Spo2);
        }
    }

    [Fact]
    public void ProbeOff_OutlastingFreshness_LeavesSpo2Unscored()
    {
        var filter = Settled();
        var freshness = ArtefactOptions.Default.Freshness;

        Assert.Equal(98, filter.Apply(T0 + freshness, Spo2(0)).Confirmed.Spo2);
        Assert.Null(filter.Apply(T0 + freshness + TimeSpan.FromMilliseconds(1), Spo2(0)).Confirmed.Spo2);
    }

    [Fact]
    public void ProbeOff_AsFirstReading_NotScored()
    {
        var filter = new ArtefactFilter();

        var result = filter.Apply(T0, Spo2(0));

        Assert.Null(result.Confirmed.Spo2);
        Assert.Equal(ReadingStatus.Artefact, result.Flags.Spo2);
    }

    [Fact]
    public void LargeDropThatRecoversWithinDelay_IsArtefact_NeverScored()
    {
        var filter = Settled();

        // 98 → 55 (a drop of 43) for 9 s at 1 Hz: more frames than ConfirmationFrames, but a jump needs the delay.
        for (int s = 1; s <= 9; s++)
        {
            var result = filter.Apply(At(s), Spo2(55));
            Assert.Equal(ReadingStatus.Artefact, result.Flags.Spo2);
            Assert.Equal(98, result.Confirmed.Spo2);
        }

        var back = filter.Apply(At(10), Spo2(97));
        Assert.Equal(ReadingStatus.Confirmed, back.Flags.Spo2);
        Assert.Equal(97, back.Confirmed.Spo2);
    }

    [Fact]
    public void LargeDropHeldForTheDelay_IsReal()
    {
        var filter = Settled();
        filter.Apply(At(1), Spo2(55));

        var almost = filter.Apply(At(1) + Delay - TimeSpan.FromMilliseconds(1), Spo2(56));
        var held = filter.Apply(At(1) + Delay, Spo2(57));

        Assert.Equal(98, almost.Confirmed.Spo2);
        Assert.Equal(ReadingStatus.Artefact, almost.Flags.Spo2);
        Assert.Equal(57, held.Confirmed.Spo2);
        Assert.Equal(ReadingStatus.Confirmed, held.Flags.Spo2);
    }

    [Fact]
    public void DropOf39_IsNotAJump_ConfirmedByFrames()
    {
        var filter = Settled();

        filter.Apply(At(1), Spo2(59));
        filter.Apply(At(2), Spo2(59));
        var third = filter.Apply(At(3), Spo2(59));

        Assert.Equal(59, third.Confirmed.Spo2);
    }

    [Fact]
    public void RealDesaturation_NotConfirmedOneMillisecondBeforeTheDelay()
    {
        var filter = Settled();

        var first = filter.Apply(At(1), Spo2(88));
        var second = filter.Apply(At(1) + Delay - TimeSpan.FromMilliseconds(1), Spo2(88));

        Assert.Equal(ReadingStatus.Pending, first.Flags.Spo2);
        Assert.Equal(98, first.Confirmed.Spo2);
        Assert.Equal(ReadingStatus.Pending, second.Flags.Spo2);
        Assert.Equal(98, second.Confirmed.Spo2);
        Assert.True(filter.State.Spo2.IsPending);
        Assert.Equal(2, filter.State.Spo2.PendingFrames);
    }

    [Fact]
    public void RealDesaturation_ConfirmedExactlyAtTheDelay()
    {
        var filter = Settled();

        filter.Apply(At(1), Spo2(88));
        var second = filter.Apply(At(1) + Delay, Spo2(88));

        Assert.Equal(ReadingStatus.Confirmed, second.Flags.Spo2);
        Assert.Equal(88, second.Confirmed.Spo2);
        Assert.False(filter.State.Spo2.IsPending);
    }

    [Fact]
    public void ConsecutiveFrames_ConfirmBeforeTheDelay()
    {
        var filter = Settled();

        var r1 = filter.Apply(AtMs(1000), Spo2(88));
        var r2 = filter.Apply(AtMs(1001), Spo2(89));
        var r3 = filter.Apply(AtMs(1002), Spo2(87));

        Assert.Equal([ReadingStatus.Pending, ReadingStatus.Pending, ReadingStatus.Confirmed],
            new[] { r1, r2, r3 }.Select(r => r.Flags.Spo2));
        Assert.Equal(98, r2.Confirmed.Spo2);
        Assert.Equal(87, r3.Confirmed.Spo2); // the latest reading of the run
    }

    [Fact]
    public void ConfigurableFrames()
    {
        var filter = Settled(new ArtefactOptions { ConfirmationFrames = 5 });

        for (int i = 1; i <= 4; i++) Assert.Equal(ReadingStatus.Pending, filter.Apply(AtMs(i), Spo2(88)).Flags.Spo2);

        Assert.Equal(88, filter.Apply(AtMs(5), Spo2(88)).Confirmed.Spo2);
    }

    [Fact]
    public void ConfigurableDelay()
    {
        var filter = Settled(new ArtefactOptions { ConfirmationDelay = TimeSpan.FromSeconds(30), ConfirmationFrames = 100 });

        filter.Apply(At(1), Spo2(88));
        Assert.Equal(98, filter.Apply(At(30.999), Spo2(88)).Confirmed.Spo2);
        Assert.Equal(88, filter.Apply(At(31), Spo2(88)).Confirmed.Spo2);
    }

    [Fact]
    public void Recovery_IsConfirmedToo()
    {
        var filter = Settled();
        filter.Apply(At(1), Spo2(88));
        filter.Apply(At(1) + Delay, Spo2(88)); // confirmed 88

        var up1 = filter.Apply(At(20), Spo2(97));
        var up2 = filter.Apply(At(20) + Delay - TimeSpan.FromMilliseconds(1), Spo2(97));
        var up3 = filter.Apply(At(20) + Delay, Spo2(97));

        Assert.Equal(ReadingStatus.Pending, up1.Flags.Spo2);
        Assert.Equal(88, up1.Confirmed.Spo2);
        Assert.Equal(88, up2.Confirmed.Spo2);
        Assert.Equal(97, up3.Confirmed.Spo2);
    }

    [Fact]
    public void SingleRecoveryBlip_DoesNotClearADesaturation()
    {
        var filter = Settled();
        filter.Apply(At(1), Spo2(88));
        filter.Apply(At(11), Spo2(88)); // confirmed 88

        Assert.Equal(88, filter.Apply(At(12), Spo2(97)).Confirmed.Spo2);
        Assert.Equal(88, filter.Apply(At(13), Spo2(88)).Confirmed.Spo2);
        Assert.False(filter.State.Spo2.IsPending);
    }

    [Fact]
    public void BackInConfirmedBand_EndsTheRun()
    {
        var filter = Settled();
        filter.Apply(AtMs(1000), Spo2(88));
        filter.Apply(AtMs(1001), Spo2(88));
        filter.Apply(AtMs(1002), Spo2(97)); // back: the run ends

        var next = filter.Apply(AtMs(1003), Spo2(88));

        Assert.Equal(ReadingStatus.Pending, next.Flags.Spo2);
        Assert.Equal(1, filter.State.Spo2.PendingFrames);
    }

    [Fact]
    public void ReadingsOnTheOtherSide_StartANewRun()
    {
        var filter = Settled(); // HR 70

        filter.Apply(AtMs(1000), Hr(120));
        filter.Apply(AtMs(1001), Hr(120));
        var below = filter.Apply(AtMs(1002), Hr(45)); // other side of 70: a new run, not the third frame

        Assert.Equal(ReadingStatus.Pending, below.Flags.Hr);
        Assert.Equal(70, below.Confirmed.Hr);
        Assert.Equal(1, filter.State.Hr.PendingFrames);
    }

    [Fact]
    public void ReadingsInDifferentBandsSameSide_ContinueTheRun()
    {
        var filter = Settled(); // SpO2 98

        filter.Apply(AtMs(1000), Spo2(94)); // score 1
        filter.Apply(AtMs(1001), Spo2(92)); // score 2
        var third = filter.Apply(AtMs(1002), Spo2(90)); // score 3

        Assert.Equal(90, third.Confirmed.Spo2);
    }

    [Fact]
    public void ProbeOff_NeitherContinuesNorEndsARun()
    {
        var filter = Settled();

        filter.Apply(AtMs(1000), Spo2(88));
        filter.Apply(AtMs(1001), Spo2(0));
        filter.Apply(AtMs(1002), Spo2(88));
        Assert.Equal(98, filter.Current(AtMs(1002)).Confirmed.Spo2);

        Assert.Equal(88, filter.Apply(AtMs(1003), Spo2(88)).Confirmed.Spo2);
    }

    [Fact]
    public void HrMotionSpike_IsArtefact_NotScored()
    {
        var filter = Settled(); // HR 70

        var spike = filter.Apply(At(1), Hr(150));
        filter.Apply(At(2), Hr(152));
        filter.Apply(At(3), Hr(149));
        var back = filter.Apply(At(4), Hr(72));

        Assert.Equal(ReadingStatus.Artefact, spike.Flags.Hr);
        Assert.Equal(70, spike.Confirmed.Hr);
        Assert.Equal(72, back.Confirmed.Hr);
    }

    [Fact]
    public void HrJumpWithinOneBand_StillNeedsTheDelay()
    {
        var filter = Settled(new ArtefactOptions { HrArtefactJump = 30 }); // HR 70
        filter.Apply(At(1), Hr(55)); // 70 → 55: score 0 both, not a jump

        var jump = filter.Apply(At(2), Hr(89)); // 55 → 89: score 0 both, a jump of 34

        Assert.Equal(ReadingStatus.Artefact, jump.Flags.Hr);
        Assert.Equal(55, jump.Confirmed.Hr);
        Assert.Equal(89, filter.Apply(At(12), Hr(89)).Confirmed.Hr);
    }

    [Fact]
    public void HrDownwardJump_IsArtefactToo()
    {
        var filter = Settled(); // HR 70

        Assert.Equal(ReadingStatus.Artefact, filter.Apply(At(1), Hr(30)).Flags.Hr);
    }

    [Fact]
    public void ParametersAreIndependent()
    {
        var filter = Settled();

        // SpO2 pending while heart rate settles into a new band and respiration changes within its band.
        var r1 = filter.Apply(AtMs(1000), Normal with { Spo2 = 88, Hr = 95, Rr = 18 });
        var r2 = filter.Apply(AtMs(1001), VitalSigns.Empty with { Hr = 95 });
        var r3 = filter.Apply(AtMs(1002), VitalSigns.Empty with { Hr = 95 });

        Assert.Equal(ReadingStatus.Pending, r1.Flags.Spo2);
        Assert.Equal(ReadingStatus.Pending, r1.Flags.Hr);
        Assert.Equal(ReadingStatus.Confirmed, r1.Flags.Rr);
        Assert.Equal(18, r1.Confirmed.Rr);
        Assert.Equal(ReadingStatus.Absent, r2.Flags.Spo2);
        Assert.Equal(95, r3.Confirmed.Hr);
        Assert.Equal(98, r3.Confirmed.Spo2); // only one SpO2 reading so far: still pending
        Assert.Equal(1, filter.State.Spo2.PendingFrames);
    }

    [Fact]
    public void AbsentParameter_LeavesItsStateAlone()
    {
        var filter = Settled();
        filter.Apply(AtMs(1000), Spo2(88));
        filter.Apply(AtMs(1001), VitalSigns.Empty with { Hr = 71 });
        filter.Apply(AtMs(1002), Spo2(88));

        Assert.Equal(88, filter.Apply(AtMs(1003), Spo2(88)).Confirmed.Spo2);
    }

    [Fact]
    public void LateFrame_FlaggedAndIgnored()
    {
        var filter = Settled();
        filter.Apply(At(10), Spo2(97));

        var late = filter.Apply(At(5), Spo2(80));

        Assert.Equal(ReadingStatus.Late, late.Flags.Spo2);
        Assert.Equal(97, filter.Current(At(10)).Confirmed.Spo2);
        Assert.Equal(ReadingStatus.Confirmed, filter.Current(At(10)).Flags.Spo2);
    }

    [Fact]
    public void Spo2Scale2_BandsFollowScaleAndOxygen()
    {
        var filter = new ArtefactFilter();
        filter.Apply(T0, VitalSigns.Empty with { Spo2 = 90, Spo2Scale = Spo2Scale.Scale2, O2 = true }); // scale 2: 0

        var within = filter.Apply(At(1), Spo2(88)); // scale 2: 88 scores 0 as well
        var onOxygenHigh = filter.Apply(At(2), Spo2(97)); // scale 2 on oxygen: 3

        Assert.Equal(ReadingStatus.Confirmed, within.Flags.Spo2);
        Assert.Equal(ReadingStatus.Pending, onOxygenHigh.Flags.Spo2);
    }

    [Fact]
    public void PassThroughParameters_LatestValue_Stale_ScaleNever()
    {
        var filter = new ArtefactFilter();
        filter.Apply(T0, Normal with { Acvpu = Acvpu.Voice, Spo2Scale = Spo2Scale.Scale2 });

        var confirmed = filter.Apply(At(1), VitalSigns.Empty with { Acvpu = Acvpu.Alert }).Confirmed;
        Assert.Equal(Acvpu.Alert, confirmed.Acvpu); // no confirmation for a crew entry

        var later = filter.Current(At(1) + ArtefactOptions.Default.Freshness + TimeSpan.FromSeconds(1)).Confirmed;
        Assert.Equal(VitalSigns.Empty with { Spo2Scale = Spo2Scale.Scale2 }, later);
    }

    [Fact]
    public void StaleConfirmedValue_NextReadingConfirmedAtOnce()
    {
        var filter = Settled();

        var result = filter.Apply(T0 + ArtefactOptions.Default.Freshness + TimeSpan.FromSeconds(1), Spo2(85));

        Assert.Equal(ReadingStatus.Confirmed, result.Flags.Spo2);
        Assert.Equal(85, result.Confirmed.Spo2);
    }

    [Fact]
    public void PendingReadings_DoNotKeepTheOldValueFresh()
    {
        var filter = Settled(new ArtefactOptions { Freshness = TimeSpan.FromSeconds(60) });
        // Heart rate swinging either side of 70, never holding: nothing confirms, and 70 goes stale.
        for (int s = 1; s <= 60; s++) filter.Apply(At(s), Hr(s % 2 == 0 ? 120 : 45));

        Assert.Equal(70, filter.Current(At(60)).Confirmed.Hr);
        Assert.Null(filter.Current(At(61)).Confirmed.Hr);
    }

    [Fact]
    public void NaNReading_TreatedAsAbsent()
    {
        var filter = Settled();

        var result = filter.Apply(At(1), VitalSigns.Empty with { Hr = double.NaN });

        Assert.Equal(ReadingStatus.Absent, result.Flags.Hr);
        Assert.Equal(70, result.Confirmed.Hr);
    }

    [Fact]
    public void Current_ReportsLatestStatus()
    {
        var filter = Settled();
        filter.Apply(At(1), Spo2(88));

        var current = filter.Current(At(2));

        Assert.Equal(ReadingStatus.Pending, current.Flags.Spo2);
        Assert.Equal(ReadingStatus.Confirmed, current.Flags.Hr);
        Assert.Equal(98, current.Confirmed.Spo2);
    }

    [Fact]
    public void Flags_IndexByParameter()
    {
        var flags = new ReadingFlags(ReadingStatus.Confirmed, ReadingStatus.Pending, ReadingStatus.Artefact, ReadingStatus.Late, ReadingStatus.Absent);

        Assert.Equal(ReadingStatus.Confirmed, flags[VitalParameter.Hr]);
        Assert.Equal(ReadingStatus.Pending, flags[VitalParameter.Rr]);
        Assert.Equal(ReadingStatus.Artefact, flags[VitalParameter.Spo2]);
        Assert.Equal(ReadingStatus.Late, flags[VitalParameter.Sbp]);
        Assert.Equal(ReadingStatus.Absent, flags[VitalParameter.Temp]);
        Assert.Equal(ReadingStatus.Absent, flags[VitalParameter.Acvpu]);
        Assert.True(flags.AnyUnconfirmed);
        Assert.False(new ReadingFlags(ReadingStatus.Confirmed, ReadingStatus.Late, ReadingStatus.Absent, ReadingStatus.Confirmed, ReadingStatus.Confirmed).AnyUnconfirmed);
    }

    [Theory]
    [InlineData(ReadingStatus.Absent, "absent")]
    [InlineData(ReadingStatus.Confirmed, "confirmed")]
    [InlineData(ReadingStatus.Pending, "pending")]
    [InlineData(ReadingStatus.Artefact, "artefact")]
    [InlineData(ReadingStatus.Late, "late")]
    public void Status_Codes_RoundTrip(ReadingStatus status, string code)
    {
        Assert.Equal(code, status.ToCode());
        Assert.True(ReadingStatusCodes.TryParse(code, out var parsed));
        Assert.Equal(status, parsed);
    }

    [Fact]
    public void Options_Defaults()
    {
        var o = ArtefactOptions.Default;

        Assert.Equal(TimeSpan.FromSeconds(10), o.ConfirmationDelay);
        Assert.Equal(3, o.ConfirmationFrames);
        Assert.Equal(40, o.Spo2ArtefactDrop);
        Assert.Equal(40, o.HrArtefactJump);
        Assert.Equal(TimeSpan.FromMinutes(5), o.Freshness);
        Assert.Empty(o.Validate());
    }

    [Fact]
    public void Options_Invalid_Throw()
    {
        var options = new ArtefactOptions { ConfirmationFrames = 0, Freshness = TimeSpan.Zero, ConfirmationDelay = TimeSpan.FromSeconds(-1) };

        Assert.Equal(3, options.Validate().Count);
        Assert.Throws<ArgumentException>(() => new ArtefactFilter(options));
    }

    [Fact]
    public void Confirmation_OnlyForScoredNumericParameters() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new ParameterConfirmation(VitalParameter.Dbp));

    [Fact]
    public void State_OrleansRoundTrip_ResumesMidRun()
    {
        var filter = Settled();
        filter.Apply(At(1), Normal with { Spo2 = 88, Acvpu = Acvpu.Voice });

        using var services = new ServiceCollection().AddSerializer().BuildServiceProvider();
        var serializer = services.GetRequiredService<Serializer>();
        var copy = serializer.Deserialize<ArtefactFilterState>(serializer.SerializeToArray(filter.State));
        var resumed = new ArtefactFilter(null, copy);

        Assert.Equal(filter.Current(At(2)), resumed.Current(At(2)));
        Assert.Equal(88, resumed.Apply(At(11), Spo2(88)).Confirmed.Spo2);
        Assert.Equal(Acvpu.Voice, resumed.Current(At(11)).Confirmed.Acvpu);
    }
}
