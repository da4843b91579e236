using Emergency.Domain.Scoring;
using Emergency.Domain.Vitals;

namespace Emergency.Domain.Tests;

public class News2CalculatorTests
{
    private static readonly VitalSigns Normal = new(
        Hr: 70, Rr: 16, Spo2: 98, Sbp: 120, Dbp: 80, Temp: 37.0,
        Acvpu: Acvpu.Alert, O2: false, Spo2Scale: Spo2Scale.Scale1);

    [Fact]
    public void WorkedExample_ScoresEveryParameter_Total11_High_Complete()
    {
        var vitals = new VitalSigns(
            Hr: 112, Rr: 24, Spo2: 93, Sbp: 98, Dbp: null, Temp: 38.4,
            Acvpu: Acvpu.Alert, O2: true, Spo2Scale: Spo2Scale.Scale1);

        var result = News2Calculator.Score(vitals);

        Assert.Equal(2, result.Rr);
        Assert.Equal(2, result.Spo2);
        Assert.Equal(2, result.O2);
        Assert.Equal(2, result.Sbp);
        Assert.Equal(2, result.Hr);
        Assert.Equal(0, result.Acvpu);
        Assert.Equal(1, result.Temp);
        Assert.Equal(11, result.Total);
        Assert.Equal(News2Risk.High, result.Risk);
        Assert.True(result.Complete);
    }

    [Fact]
    public void AllParametersPresent_IsComplete()
    {
        var result = News2Calculator.Score(Normal);

        Assert.True(result.Complete);
        Assert.Equal(0, result.Total);
        Assert.Equal(News2Risk.Low, result.Risk);
        Assert.Equal(new News2Result(0, News2Risk.Low, true, 0, 0, 0, 0, 0, 0, 0), result);
    }

    [Fact]
    public void EmptyVitals_Total0_Low_Incomplete()
    {
        var result = News2Calculator.Score(VitalSigns.Empty);

        Assert.Equal(new News2Result(0, News2Risk.Low, false, null, null, null, null, null, null, null), result);
    }

    // An abnormal set where every parameter scores, so leaving one out changes the total.
    // rr 24 → 2, spo2 93 → 2, o2 → 2, sbp 98 → 2, hr 112 → 2, acvpu V → 3, temp 38.4 → 1: total 14.
    private static readonly VitalSigns AllScoring = new(
        Hr: 112, Rr: 24, Spo2: 93, Sbp: 98, Dbp: 60, Temp: 38.4,
        Acvpu: Acvpu.Voice, O2: true, Spo2Scale: Spo2Scale.Scale1);

    [Fact]
    public void AllScoring_Baseline_Total14()
    {
        var result = News2Calculator.Score(AllScoring);
        Assert.Equal(14, result.Total);
        Assert.True(result.Complete);
    }

    [Fact]
    public void RrMissing_Incomplete_TotalCountsOnlyKnown()
    {
        var result = News2Calculator.Score(AllScoring with { Rr = null });
        Assert.False(result.Complete);
        Assert.Null(result.Rr);
        Assert.Equal(12, result.Total);
    }

    [Fact]
    public void Spo2Missing_Incomplete_TotalCountsOnlyKnown()
    {
        var result = News2Calculator.Score(AllScoring with { Spo2 = null });
        Assert.False(result.Complete);
        Assert.Null(result.Spo2);
        Assert.Equal(12, result.Total);
    }

    [Fact]
    public void O2Missing_Incomplete_TotalCountsOnlyKnown()
    {
        var result = News2Calculator.Score(AllScoring with { O2 = null });
        Assert.False(result.Complete);
        Assert.Null(result.O2);
        Assert.Equal(2, result.Spo2);
        Assert.Equal(12, result.Total);
    }

    [Fact]
    public void SbpMissing_Incomplete_TotalCountsOnlyKnown()
    {
        var result = News2Calculator.Score(AllScoring with { Sbp = null });
        Assert.False(result.Complete);
        Assert.Null(result.Sbp);
        Assert.Equal(12, result.Total);
    }

    [Fact]
    public void HrMissing_Incomplete_TotalCountsOnlyKnown()
    {
        var result = News2Calculator.Score(AllScoring with { Hr = null });
        Assert.False(result.Complete);
        Assert.Null(result.Hr);
        Assert.Equal(12, result.Total);
    }

    [Fact]
    public void AcvpuMissing_Incomplete_TotalCountsOnlyKnown()
    {
        var result = News2Calculator.Score(AllScoring with { Acvpu = null });
        Assert.False(result.Complete);
        Assert.Null(result.Acvpu);
        Assert.Equal(11, result.Total);
    }

    [Fact]
    public void TempMissing_Incomplete_TotalCountsOnlyKnown()
    {
        var result = News2Calculator.Score(AllScoring with { Temp = null });
        Assert.False(result.Complete);
        Assert.Null(result.Temp);
        Assert.Equal(13, result.Total);
    }

    [Fact]
    public void DbpMissing_StillComplete()
    {
        var result = News2Calculator.Score(Normal with { Dbp = null });
        Assert.True(result.Complete);
    }

    [Fact]
    public void MissingParameters_RiskUsesOnlyKnownScores()
    {
        // Only consciousness known: a single 3 → low-medium, incomplete.
        var result = News2Calculator.Score(VitalSigns.Empty with { Acvpu = Acvpu.Pain });
        Assert.Equal(3, result.Total);
        Assert.Equal(News2Risk.LowMedium, result.Risk);
        Assert.False(result.Complete);
    }

    [Fact]
    public void NaNValue_IsLeftOutLikeMissing()
    {
        var result = News2Calculator.Score(AllScoring with { Hr = double.NaN });
        Assert.False(result.Complete);
        Assert.Null(result.Hr);
        Assert.Equal(12, result.Total);
    }

    [Fact]
    public void Spo2ScaleMissing_ScoresAsScale1()
    {
        // 97 % on oxygen: scale 1 → 0, scale 2 → 3.
        var result = News2Calculator.Score(Normal with { Spo2 = 97, O2 = true, Spo2Scale = null });
        Assert.Equal(0, result.Spo2);
        Assert.True(result.Complete);
    }

    [Fact]
    public void Spo2Scale2_OnOxygen_ScoresThroughScore()
    {
        var result = News2Calculator.Score(Normal with { Spo2 = 97, O2 = true, Spo2Scale = Spo2Scale.Scale2 });
        Assert.Equal(3, result.Spo2);
        Assert.Equal(2, result.O2);
        Assert.Equal(5, result.Total);
        Assert.Equal(News2Risk.Medium, result.Risk);
    }

    [Fact]
    public void Spo2Scale2_OxygenUnknown_ScoresSpo2AsAir_Incomplete()
    {
        var result = News2Calculator.Score(Normal with { Spo2 = 97, O2 = null, Spo2Scale = Spo2Scale.Scale2 });
        Assert.Equal(0, result.Spo2);
        Assert.Null(result.O2);
        Assert.False(result.Complete);
    }

    [Fact]
    public void Score_RoundsMeasuredValues()
    {
        var result = News2Calculator.Score(Normal with { Hr = 90.5, Temp = 38.05 });
        Assert.Equal(1, result.Hr);
        Assert.Equal(1, result.Temp);
        Assert.Equal(2, result.Total);
    }
}

public class News2CalculatorAllocationTests
{
    [Fact]
    public void Score_DoesNotAllocate()
    {
        var vitals = new VitalSigns(
            Hr: 112.4, Rr: 24, Spo2: 93.5, Sbp: 98, Dbp: 60, Temp: 38.45,
            Acvpu: Acvpu.Voice, O2: true, Spo2Scale: Spo2Scale.Scale2);
        int sink = News2Calculator.Score(vitals).Total; // warm up (JIT)

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 1_000; i++)
        {
            sink += News2Calculator.Score(vitals).Total;
            sink += News2Calculator.Score(VitalSigns.Empty).Total;
        }
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, allocated);
        // hr 2, rr 2, spo2 94 on scale 2 with oxygen 1, o2 2, sbp 2, V 3, temp 38.5 1: 13; empty vitals: 0.
        Assert.Equal(1_001 * 13, sink);
    }
}
