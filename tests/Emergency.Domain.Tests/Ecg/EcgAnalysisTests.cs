using Emergency.Domain.Ecg.Analysis;
using Emergency.Domain.Ecg.Synthesis;
using Emergency.Domain.Ecg.Wire;

namespace Emergency.Domain.Tests.Ecg;

/// <summary>QRS detection, ST measurement and the STEMI flag on the synthetic 12-lead ECG.</summary>
public sealed class EcgAnalysisTests
{
    private static Dictionary<EcgLead, double[]> Record(SyntheticEcgOptions options, double seconds = 10)
    {
        var mv = new SyntheticEcg(options).NextMillivolts((int)(seconds * options.SampleRateHz));
        return EcgLeads.Standard12.ToDictionary(l => l, l => mv[(int)l]);
    }

    public static TheoryData<int> Rates => [40, 50, 60, 75, 90, 110, 130, 150, 170, 185, 200];

    [Theory]
    [MemberData(nameof(Rates))]
    public void Qrs_detection_gives_the_simulated_rate_within_2_bpm_with_noise_and_baseline_wander(int bpm)
    {
        var leads = Record(new SyntheticEcgOptions { HeartRateBpm = bpm, NoiseMv = 0.05, BaselineWanderMv = 0.15, Seed = bpm }, seconds: 12);

        var peaks = QrsDetector.Detect(leads[EcgLead.II], 500);
        var rate = QrsDetector.HeartRate(peaks, 500);

        Assert.NotNull(rate);
        Assert.InRange(rate.Value, bpm - 2, bpm + 2);
        // every beat found once: 12 s at the rate, give or take the first and last
        Assert.InRange(peaks.Count, (int)(bpm / 5.0) - 2, (int)(bpm / 5.0) + 1);
    }

    [Theory]
    [InlineData(EcgLead.II, 0.20)]
    [InlineData(EcgLead.V2, 0.30)]
    [InlineData(EcgLead.aVL, -0.10)]
    [InlineData(EcgLead.V5, 0.05)]
    public void St_deviation_at_J_plus_60_ms_is_measured_within_0_05_mV_of_the_simulated_one(EcgLead lead, double deviation)
    {
        var leads = Record(new SyntheticEcgOptions
        {
            HeartRateBpm = 75, NoiseMv = 0.03, Seed = 7,
            StDeviationMv = new Dictionary<EcgLead, double> { [lead] = deviation },
        });

        var findings = EcgAnalyzer.Analyse(leads, 500, 0, monitorHeartRate: 75);

        Assert.InRange(findings.StMv[lead], deviation - 0.05, deviation + 0.05);
        // and the leads without a deviation read about zero
        Assert.All(findings.StMv.Where(s => s.Key != lead), s => Assert.InRange(s.Value, -0.05, 0.05));
    }

    [Fact]
    public void A_simulated_inferior_stemi_raises_the_possible_stemi_flag_in_II_III_and_aVF()
    {
        var leads = Record(new SyntheticEcgOptions
        {
            HeartRateBpm = 88, NoiseMv = 0.03, BaselineWanderMv = 0.05, Seed = 3,
            StDeviationMv = SyntheticEcgOptions.Inferior(0.2),
        });

        var findings = EcgAnalyzer.Analyse(leads, 500, 0, monitorHeartRate: 88, sex: "male", ageYears: 64);

        Assert.True(findings.Stemi.PossibleStemi);
        Assert.Equal(["inferior"], findings.Stemi.Territories);
        Assert.Equal([EcgLead.II, EcgLead.III, EcgLead.aVF], findings.Stemi.Leads);
        Assert.False(findings.HeartRateDisagrees);
    }

    [Theory]
    [InlineData(45)]
    [InlineData(75)]
    [InlineData(140)]
    public void A_normal_ecg_raises_no_stemi_flag(int bpm)
    {
        var leads = Record(new SyntheticEcgOptions { HeartRateBpm = bpm, NoiseMv = 0.05, BaselineWanderMv = 0.1, Seed = bpm + 1 });

        var findings = EcgAnalyzer.Analyse(leads, 500, 0, monitorHeartRate: bpm, sex: "female", ageYears: 30);

        Assert.False(findings.Stemi.PossibleStemi, string.Join(", ", findings.StMv.Select(s => $"{s.Key} {s.Value:0.000}")));
        Assert.Empty(findings.Stemi.Leads);
    }

    [Fact]
    public void Elevation_in_one_inferior_lead_only_is_not_contiguous_and_raises_no_flag()
    {
        var st = new Dictionary<EcgLead, double> { [EcgLead.III] = 0.3, [EcgLead.II] = 0.05, [EcgLead.aVF] = 0.08 };
        Assert.False(StemiCriteria.Assess(st, "male", 60, new HashSet<EcgLead>()).PossibleStemi);
    }

    [Theory]
    [InlineData("male", 45, 0.19, false)]
    [InlineData("male", 45, 0.21, true)]
    [InlineData("male", 35, 0.24, false)]
    [InlineData("male", 35, 0.26, true)]
    [InlineData("female", 70, 0.16, true)]
    [InlineData("female", 70, 0.14, false)]
    [InlineData(null, null, 0.16, true)]
    public void V2_V3_cut_points_follow_the_fourth_universal_definition(string? sex, int? age, double st, bool flagged)
    {
        var stMv = new Dictionary<EcgLead, double> { [EcgLead.V2] = st, [EcgLead.V3] = st };
        Assert.Equal(flagged, StemiCriteria.Assess(stMv, sex, age, new HashSet<EcgLead>()).PossibleStemi);
    }

    [Fact]
    public void A_monitor_hr_far_from_the_qrs_rate_is_flagged_as_a_disagreement()
    {
        var leads = Record(new SyntheticEcgOptions { HeartRateBpm = 70, NoiseMv = 0.02 });

        Assert.True(EcgAnalyzer.Analyse(leads, 500, 0, monitorHeartRate: 120).HeartRateDisagrees);
        Assert.False(EcgAnalyzer.Analyse(leads, 500, 0, monitorHeartRate: 72).HeartRateDisagrees);
    }

    [Fact]
    public void A_lead_off_is_reported_and_ignored_for_st_and_detection_moves_off_lead_II()
    {
        var leads = Record(new SyntheticEcgOptions
        {
            HeartRateBpm = 80, NoiseMv = 0.02,
            LeadsOff = new HashSet<EcgLead> { EcgLead.II, EcgLead.V4 },
        });

        var findings = EcgAnalyzer.Analyse(leads, 500, 0, monitorHeartRate: 80);

        Assert.Contains(EcgLead.II, findings.LeadsOff);
        Assert.Contains(EcgLead.V4, findings.LeadsOff);
        Assert.False(findings.StMv.ContainsKey(EcgLead.II));
        Assert.InRange(findings.HeartRateBpm!.Value, 78, 82);
    }

    [Fact]
    public void The_synthetic_limb_leads_obey_einthoven()
    {
        var leads = Record(new SyntheticEcgOptions { HeartRateBpm = 70 }, seconds: 2);
        for (var i = 0; i < 1000; i++)
        {
            Assert.Equal(leads[EcgLead.II][i] - leads[EcgLead.I][i], leads[EcgLead.III][i], 9);
            Assert.Equal(0, leads[EcgLead.I][i] + leads[EcgLead.II][i] + (2 * leads[EcgLead.aVR][i]), 9);
        }
    }
}
