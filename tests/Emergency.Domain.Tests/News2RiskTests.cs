using Emergency.Domain.Scoring;
using Emergency.Domain.Vitals;

namespace Emergency.Domain.Tests;

public class News2RiskTests
{
    [Theory]
    [InlineData(0, News2Risk.Low)]
    [InlineData(4, News2Risk.Low)]
    [InlineData(5, News2Risk.Medium)]
    [InlineData(6, News2Risk.Medium)]
    [InlineData(7, News2Risk.High)]
    [InlineData(20, News2Risk.High)]
    public void Risk_WithoutAnyThree_FollowsTotal(int total, News2Risk expected) =>
        Assert.Equal(expected, News2Calculator.Risk(total, anyThree: false));

    [Theory]
    [InlineData(3)]
    [InlineData(4)]
    public void Risk_SingleThree_TotalBelow5_IsLowMedium(int total) =>
        Assert.Equal(News2Risk.LowMedium, News2Calculator.Risk(total, anyThree: true));

    [Theory]
    [InlineData(5, News2Risk.Medium)]
    [InlineData(6, News2Risk.Medium)]
    [InlineData(7, News2Risk.High)]
    [InlineData(9, News2Risk.High)]
    public void Risk_SingleThree_Total5OrMore_TotalBandWins(int total, News2Risk expected) =>
        Assert.Equal(expected, News2Calculator.Risk(total, anyThree: true));

    // The same rules through Score: a normal set of vitals with one parameter pushed out.
    private static readonly VitalSigns Normal = new(
        Hr: 70, Rr: 16, Spo2: 98, Sbp: 120, Dbp: 80, Temp: 37.0,
        Acvpu: Acvpu.Alert, O2: false, Spo2Scale: Spo2Scale.Scale1);

    [Fact]
    public void Score_Total4_IsLow()
    {
        // rr 22 → 2, hr 115 → 2
        var result = News2Calculator.Score(Normal with { Rr = 22, Hr = 115 });
        Assert.Equal(4, result.Total);
        Assert.Equal(News2Risk.Low, result.Risk);
    }

    [Fact]
    public void Score_Total5_IsMedium()
    {
        // rr 22 → 2, hr 115 → 2, temp 38.5 → 1
        var result = News2Calculator.Score(Normal with { Rr = 22, Hr = 115, Temp = 38.5 });
        Assert.Equal(5, result.Total);
        Assert.Equal(News2Risk.Medium, result.Risk);
    }

    [Fact]
    public void Score_Total6_IsMedium()
    {
        // rr 22 → 2, hr 115 → 2, o2 → 2
        var result = News2Calculator.Score(Normal with { Rr = 22, Hr = 115, O2 = true });
        Assert.Equal(6, result.Total);
        Assert.Equal(News2Risk.Medium, result.Risk);
    }

    [Fact]
    public void Score_Total7_IsHigh()
    {
        // rr 22 → 2, hr 115 → 2, o2 → 2, temp 38.5 → 1
        var result = News2Calculator.Score(Normal with { Rr = 22, Hr = 115, O2 = true, Temp = 38.5 });
        Assert.Equal(7, result.Total);
        Assert.Equal(News2Risk.High, result.Risk);
    }

    [Fact]
    public void Score_SingleThreeWithTotalBelow5_IsLowMedium()
    {
        var result = News2Calculator.Score(Normal with { Acvpu = Acvpu.NewConfusion });
        Assert.Equal(3, result.Total);
        Assert.Equal(News2Risk.LowMedium, result.Risk);
    }

    [Fact]
    public void Score_SingleThreeWithTotal4_IsLowMedium()
    {
        // sbp 85 → 3, temp 38.5 → 1
        var result = News2Calculator.Score(Normal with { Sbp = 85, Temp = 38.5 });
        Assert.Equal(4, result.Total);
        Assert.Equal(News2Risk.LowMedium, result.Risk);
    }

    [Fact]
    public void Score_SingleThreeWithTotal5_IsMedium()
    {
        // hr 35 → 3, o2 → 2
        var result = News2Calculator.Score(Normal with { Hr = 35, O2 = true });
        Assert.Equal(5, result.Total);
        Assert.Equal(News2Risk.Medium, result.Risk);
    }

    [Fact]
    public void Score_SingleThreeWithTotal7_IsHigh()
    {
        // rr 30 → 3, o2 → 2, sbp 95 → 2
        var result = News2Calculator.Score(Normal with { Rr = 30, O2 = true, Sbp = 95 });
        Assert.Equal(7, result.Total);
        Assert.Equal(News2Risk.High, result.Risk);
    }
}
