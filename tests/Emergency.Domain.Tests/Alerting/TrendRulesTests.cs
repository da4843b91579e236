using Emergency.Domain.Scoring;
using Emergency.Domain.Vitals;
using static Emergency.Domain.Tests.Alerting.TestVitals;

namespace Emergency.Domain.Tests.Alerting;

public class TrendRulesTests
{
    private static readonly TimeSpan Min5 = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan Min15 = TimeSpan.FromMinutes(15);

    private static News2Point P(double seconds, int total, byte mask = News2Point.AllParameters) => new(At(seconds), total, mask);

    // ---- NEWS2 change and rise ----

    [Fact]
    public void News2Change_LatestMinusValueInEffectAtWindowStart()
    {
        News2Point[] series = [P(0, 1), P(200, 2), P(600, 4), P(890, 5)];

        Assert.Equal(4, TrendRules.News2Change(series, At(900), Min15));  // baseline: 1 (from 0)
        Assert.Equal(1, TrendRules.News2Change(series, At(900), Min5));   // baseline: 4 (from 600)
    }

    [Fact]
    public void News2Change_NoBaseline_IsNull() =>
        Assert.Null(TrendRules.News2Change([P(100, 1), P(800, 4)], At(900), Min15));

    [Fact]
    public void News2Change_BaselineOnOtherParameters_IsNull() =>
        Assert.Null(TrendRules.News2Change([P(0, 1, 0x3F), P(800, 4)], At(900), Min15));

    [Fact]
    public void News2Change_Empty_IsNull() =>
        Assert.Null(TrendRules.News2Change([], At(900), Min15));

    [Fact]
    public void News2Rise_FromLowestInWindow()
    {
        News2Point[] series = [P(0, 6), P(100, 2), P(500, 5)];

        Assert.Equal(3, TrendRules.News2Rise(series, At(600), Min15, out int lowest));
        Assert.Equal(2, lowest);
    }

    [Fact]
    public void News2Rise_IgnoresPointsOnOtherParameters()
    {
        News2Point[] series = [P(0, 0, 0x3F), P(100, 3), P(500, 4)];

        Assert.Equal(1, TrendRules.News2Rise(series, At(600), Min15, out _));
    }

    [Fact]
    public void News2Rise_SinglePoint_IsZero() =>
        Assert.Equal(0, TrendRules.News2Rise([P(0, 5)], At(600), Min15, out _));

    [Fact]
    public void News2Rise_Empty_IsNull() =>
        Assert.Null(TrendRules.News2Rise([], At(600), Min15, out _));

    [Fact]
    public void Rising_FiresAtDefaultDeltaOf2()
    {
        var assessment = TrendRules.Evaluate([P(0, 1), P(600, 3)], [], At(600));

        var finding = Assert.Single(assessment.Findings);
        Assert.Equal(TrendKind.News2Rising, finding.Kind);
        Assert.Equal(1, finding.From);
        Assert.Equal(3, finding.To);
        Assert.Equal("NEWS2 rose 2 in 15 min (1 → 3)", finding.Reason);
        Assert.True(assessment.Any);
        Assert.True(assessment.Has(TrendKind.News2Rising));
    }

    [Fact]
    public void Rising_RiseOf1_DoesNotFire() =>
        Assert.False(TrendRules.Evaluate([P(0, 2), P(600, 3)], [], At(600)).Any);

    [Fact]
    public void Rising_ValueInEffectAtExactWindowStart_Counts()
    {
        // 1 held from 0 until 1; at 900 + 1 the window starts at 1, where 3 already holds.
        News2Point[] series = [P(0, 1), P(1, 3)];

        Assert.True(TrendRules.Evaluate(series, [], At(900)).Has(TrendKind.News2Rising));
        Assert.True(TrendRules.Evaluate(series, [], At(900.999)).Has(TrendKind.News2Rising));
        Assert.False(TrendRules.Evaluate(series, [], At(901)).Has(TrendKind.News2Rising));
    }

    [Fact]
    public void Rising_ConfigurableDeltaAndWindow()
    {
        News2Point[] series = [P(0, 1), P(400, 3)];
        var options = new TrendOptions { RisingDelta = 3, RisingWindow = Min5 };

        Assert.False(TrendRules.Evaluate(series, [], At(400), options).Any);
        // 1 held until 250, so it is in the window until 250 + 5 min.
        Assert.True(TrendRules.Evaluate([P(0, 1), P(250, 4)], [], At(549.999), options).Any);
        Assert.False(TrendRules.Evaluate([P(0, 1), P(250, 4)], [], At(550), options).Any);
    }

    [Fact]
    public void Evaluate_ReportsShortAndLongChanges()
    {
        var assessment = TrendRules.Evaluate([P(0, 1), P(500, 2), P(880, 6)], [], At(900));

        Assert.Equal(4, assessment.News2ChangeShort);
        Assert.Equal(5, assessment.News2ChangeLong);
    }

    // ---- Vital-sign trends ----

    /// <summary>One sample a second over [from, to) seconds, with the value the function gives.</summary>
    private static IEnumerable<VitalsSample> Series(int from, int to, Func<int, VitalSigns> vitals)
    {
        for (int s = from; s < to; s++) yield return VitalsSample.From(At(s), vitals(s));
    }

    private static VitalSigns Spo2(double value) => VitalSigns.Empty with { Spo2 = value };

    [Fact]
    public void Spo2_DropOf4Held_Fires()
    {
        // 97 for four minutes, then 93: median of the first minute 97, of the last 93.
        var samples = Series(0, 301, s => Spo2(s < 240 ? 97 : 93)).ToList();

        var assessment = TrendRules.Evaluate([], samples, At(300));

        var finding = Assert.Single(assessment.Findings);
        Assert.Equal(TrendKind.Spo2Falling, finding.Kind);
        Assert.Equal("SpO2 fell 4 in 5 min (97 → 93)", finding.Reason);
        Assert.Equal(-4, assessment.Spo2!.Value.Change);
    }

    [Fact]
    public void Spo2_DropOf3_DoesNotFire()
    {
        var samples = Series(0, 301, s => Spo2(s < 240 ? 97 : 94)).ToList();

        var assessment = TrendRules.Evaluate([], samples, At(300));

        Assert.False(assessment.Any);
        Assert.Equal(-3, assessment.Spo2!.Value.Change);
    }

    [Fact]
    public void Spo2_BriefDipInLastMinute_NotSustained_DoesNotFire()
    {
        // 25 s of 90 in the last minute: under half of it, the median stays 97.
        var samples = Series(0, 301, s => Spo2(s > 275 ? 90 : 97)).ToList();

        Assert.False(TrendRules.Evaluate([], samples, At(300)).Any);
    }

    [Fact]
    public void Spo2_DipOverMostOfLastMinute_Fires()
    {
        var samples = Series(0, 301, s => Spo2(s > 265 ? 90 : 97)).ToList();

        Assert.True(TrendRules.Evaluate([], samples, At(300)).Has(TrendKind.Spo2Falling));
    }

    [Fact]
    public void Spo2_ProbeOffZeros_Ignored()
    {
        var samples = Series(0, 301, s => Spo2(s > 240 ? 0 : 97)).ToList();
        samples.AddRange(Series(301, 304, _ => Spo2(97))); // three real readings after the probe went back

        var assessment = TrendRules.Evaluate([], samples, At(303));

        Assert.False(assessment.Any);
        Assert.Equal(0, assessment.Spo2!.Value.Change);
        Assert.Equal(3, assessment.Spo2!.Value.EndSamples);
    }

    [Fact]
    public void Spo2_SingleArtefactAtWindowStart_Ignored()
    {
        var samples = Series(0, 301, s => Spo2(s == 1 ? 100 : 95)).ToList();

        Assert.False(TrendRules.Evaluate([], samples, At(300)).Any);
    }

    [Fact]
    public void Spo2_GradualDecline_JudgedOnSegmentMedians()
    {
        // 98 → 92 linearly over 5 min: first-minute median ≈ 97.4, last-minute ≈ 92.6.
        var samples = Series(0, 301, s => Spo2(98 - 6.0 * s / 300)).ToList();

        var assessment = TrendRules.Evaluate([], samples, At(300));

        Assert.True(assessment.Has(TrendKind.Spo2Falling));
        Assert.InRange(-assessment.Spo2!.Value.Change, 4.7, 4.9);
    }

    [Fact]
    public void Spo2_TooFewReadingsInASegment_NotJudged()
    {
        VitalsSample[] samples =
        [
            VitalsSample.From(At(0), Spo2(97)), VitalsSample.From(At(10), Spo2(97)), VitalsSample.From(At(20), Spo2(97)),
            VitalsSample.From(At(280), Spo2(85)), VitalsSample.From(At(290), Spo2(85)),
        ];

        var assessment = TrendRules.Evaluate([], samples, At(300));

        Assert.Null(assessment.Spo2);
        Assert.False(assessment.Any);
    }

    [Fact]
    public void Spo2_SegmentsAreHalfOpenAtTheirInnerEdges()
    {
        // A reading exactly at now − window + edge belongs to neither segment, nor one exactly at now − edge.
        var ms = new List<VitalsSample>
        {
            VitalsSample.From(At(0), Spo2(97)), VitalsSample.From(At(30), Spo2(97)), VitalsSample.From(At(59), Spo2(97)),
            VitalsSample.From(At(60), Spo2(50)), VitalsSample.From(At(240), Spo2(50)),
            VitalsSample.From(At(241), Spo2(92)), VitalsSample.From(At(270), Spo2(92)), VitalsSample.From(At(300), Spo2(92)),
            VitalsSample.From(At(301), Spo2(10)),
        };

        var trend = TrendRules.Compare(ms, VitalParameter.Spo2, At(300), Min5, TimeSpan.FromMinutes(1), 3);

        Assert.Equal(new ParameterTrend(97, 92, 3, 3), trend);
    }

    [Fact]
    public void Hr_RiseOf20_Fires_19_DoesNot()
    {
        var rising = Series(0, 301, s => VitalSigns.Empty with { Hr = s < 240 ? 80 : 100 }).ToList();
        var almost = Series(0, 301, s => VitalSigns.Empty with { Hr = s < 240 ? 80 : 99 }).ToList();

        var finding = Assert.Single(TrendRules.Evaluate([], rising, At(300)).Findings);
        Assert.Equal(TrendKind.HrRising, finding.Kind);
        Assert.Equal("HR rose 20 in 5 min (80 → 100)", finding.Reason);
        Assert.False(TrendRules.Evaluate([], almost, At(300)).Any);
    }

    [Fact]
    public void Hr_MotionSpike_DoesNotFire()
    {
        var samples = Series(0, 301, s => VitalSigns.Empty with { Hr = s is > 280 and < 290 ? 180 : 80 }).ToList();

        Assert.False(TrendRules.Evaluate([], samples, At(300)).Any);
    }

    [Fact]
    public void Sbp_CuffReadings_FallOf20_Fires()
    {
        // Non-invasive readings every 2 minutes; segments are the two halves of the window.
        VitalsSample[] samples =
        [
            VitalsSample.From(At(10), VitalSigns.Empty with { Sbp = 130 }),
            VitalsSample.From(At(130), VitalSigns.Empty with { Sbp = 130 }),
            VitalsSample.From(At(250), VitalSigns.Empty with { Sbp = 110 }),
        ];

        var assessment = TrendRules.Evaluate([], samples, At(300));

        var finding = Assert.Single(assessment.Findings);
        Assert.Equal(TrendKind.SbpFalling, finding.Kind);
        Assert.Equal("SBP fell 20 in 5 min (130 → 110)", finding.Reason);
    }

    [Fact]
    public void Sbp_FallOf19_DoesNotFire()
    {
        VitalsSample[] samples =
        [
            VitalsSample.From(At(10), VitalSigns.Empty with { Sbp = 130 }),
            VitalsSample.From(At(250), VitalSigns.Empty with { Sbp = 111 }),
        ];

        Assert.False(TrendRules.Evaluate([], samples, At(300)).Any);
    }

    [Fact]
    public void SamplesAfterNow_Ignored()
    {
        var samples = Series(0, 400, s => Spo2(s < 300 ? 97 : 80)).ToList();

        Assert.False(TrendRules.Evaluate([], samples, At(299)).Any);
    }

    [Fact]
    public void SeveralRules_FindingsInKindOrder()
    {
        var samples = Series(0, 301, s => s < 240
            ? VitalSigns.Empty with { Spo2 = 97, Hr = 80 }
            : VitalSigns.Empty with { Spo2 = 90, Hr = 110 }).ToList();

        var assessment = TrendRules.Evaluate([P(0, 1), P(250, 5)], samples, At(300));

        Assert.Equal([TrendKind.News2Rising, TrendKind.Spo2Falling, TrendKind.HrRising], assessment.Findings.Select(f => f.Kind));
    }

    [Fact]
    public void Compare_NonNumericParameter_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() =>
            TrendRules.Compare([], VitalParameter.Acvpu, At(0), Min5, TimeSpan.FromMinutes(1), 3));

    [Fact]
    public void Compare_EdgeLongerThanHalfWindow_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() =>
            TrendRules.Compare([], VitalParameter.Hr, At(0), Min5, TimeSpan.FromMinutes(3), 3));

    [Fact]
    public void Options_Defaults()
    {
        var o = TrendOptions.Default;

        Assert.Equal(TimeSpan.FromMinutes(5), o.News2ShortWindow);
        Assert.Equal(TimeSpan.FromMinutes(15), o.News2LongWindow);
        Assert.Equal(2, o.RisingDelta);
        Assert.Equal(TimeSpan.FromMinutes(15), o.RisingWindow);
        Assert.Equal(4, o.Spo2Drop);
        Assert.Equal(TimeSpan.FromMinutes(5), o.Spo2Window);
        Assert.Equal(20, o.HrRise);
        Assert.Equal(20, o.SbpDrop);
        Assert.Equal(TimeSpan.FromMinutes(1), o.EdgeSpan);
        Assert.Equal(3, o.MinEdgeSamples);
        Assert.Equal(TimeSpan.FromMinutes(2.5), o.SbpEdgeSpan);
        Assert.Equal(1, o.SbpMinEdgeSamples);
        Assert.Empty(o.Validate());
    }

    [Fact]
    public void Options_Invalid_ListedAndThrown()
    {
        var options = new TrendOptions { RisingDelta = 0, Spo2Window = TimeSpan.FromSeconds(90), MinEdgeSamples = 0, HrRise = double.NaN };

        var errors = options.Validate();

        Assert.Contains(errors, e => e.StartsWith("RisingDelta:"));
        Assert.Contains(errors, e => e.StartsWith("MinEdgeSamples:"));
        Assert.Contains(errors, e => e.StartsWith("HrRise:"));
        Assert.Contains("EdgeSpan: must be at most half of Spo2Window", errors);
        Assert.Throws<ArgumentException>(() => TrendRules.Evaluate([], [], At(0), options));
    }

    [Theory]
    [InlineData(TrendKind.News2Rising, "news2-rising")]
    [InlineData(TrendKind.Spo2Falling, "spo2-falling")]
    [InlineData(TrendKind.HrRising, "hr-rising")]
    [InlineData(TrendKind.SbpFalling, "sbp-falling")]
    public void Kind_Codes_RoundTrip(TrendKind kind, string code)
    {
        Assert.Equal(code, kind.ToCode());
        Assert.True(TrendKindCodes.TryParse(code, out var parsed));
        Assert.Equal(kind, parsed);
    }

    [Fact]
    public void Finding_Reason_SecondsWindow() =>
        Assert.Equal(
            "SpO2 fell 4.5 in 90 s (97 → 92.5)",
            new TrendFinding(TrendKind.Spo2Falling, 97, 92.5, TimeSpan.FromSeconds(90)).Reason);
}
