using Emergency.Domain.Scoring;
using Emergency.Domain.Vitals;

namespace Emergency.Domain.Tests;

public class News2Spo2Tests
{
    [Theory]
    [InlineData(70, 3)]
    [InlineData(91, 3)]
    [InlineData(92, 2)]
    [InlineData(93, 2)]
    [InlineData(94, 1)]
    [InlineData(95, 1)]
    [InlineData(96, 0)]
    [InlineData(100, 0)]
    public void Spo2Scale1_ScoresBothSidesOfEveryBandEdge(double spo2, int expected) =>
        Assert.Equal(expected, News2Calculator.ScoreSpo2(spo2, Spo2Scale.Scale1, onOxygen: false));

    [Theory]
    [InlineData(91, true)]
    [InlineData(93, true)]
    [InlineData(95, true)]
    [InlineData(97, true)]
    [InlineData(100, true)]
    [InlineData(97, null)]
    public void Spo2Scale1_IgnoresOxygen(double spo2, bool? onOxygen) =>
        Assert.Equal(
            News2Calculator.ScoreSpo2(spo2, Spo2Scale.Scale1, onOxygen: false),
            News2Calculator.ScoreSpo2(spo2, Spo2Scale.Scale1, onOxygen));

    [Theory]
    [InlineData(70, 3)]
    [InlineData(83, 3)]
    [InlineData(84, 2)]
    [InlineData(85, 2)]
    [InlineData(86, 1)]
    [InlineData(87, 1)]
    [InlineData(88, 0)]
    [InlineData(92, 0)]
    public void Spo2Scale2_BelowTarget_ScoresTheSameOnAirAndOnOxygen(double spo2, int expected)
    {
        Assert.Equal(expected, News2Calculator.ScoreSpo2(spo2, Spo2Scale.Scale2, onOxygen: false));
        Assert.Equal(expected, News2Calculator.ScoreSpo2(spo2, Spo2Scale.Scale2, onOxygen: true));
    }

    [Theory]
    [InlineData(92, 0)]
    [InlineData(93, 0)]
    [InlineData(94, 0)]
    [InlineData(95, 0)]
    [InlineData(96, 0)]
    [InlineData(97, 0)]
    [InlineData(100, 0)]
    public void Spo2Scale2_OnAir_93OrAbove_Scores0(double spo2, int expected) =>
        Assert.Equal(expected, News2Calculator.ScoreSpo2(spo2, Spo2Scale.Scale2, onOxygen: false));

    [Theory]
    [InlineData(92, 0)]
    [InlineData(93, 1)]
    [InlineData(94, 1)]
    [InlineData(95, 2)]
    [InlineData(96, 2)]
    [InlineData(97, 3)]
    [InlineData(100, 3)]
    public void Spo2Scale2_OnOxygen_ScoresAboveTarget(double spo2, int expected) =>
        Assert.Equal(expected, News2Calculator.ScoreSpo2(spo2, Spo2Scale.Scale2, onOxygen: true));

    [Fact]
    public void Spo2Scale2_OnOxygen_97_Scores3() =>
        Assert.Equal(3, News2Calculator.ScoreSpo2(97, Spo2Scale.Scale2, onOxygen: true));

    [Fact]
    public void Spo2Scale2_OnAir_97_Scores0() =>
        Assert.Equal(0, News2Calculator.ScoreSpo2(97, Spo2Scale.Scale2, onOxygen: false));

    [Theory]
    [InlineData(92)]
    [InlineData(93)]
    [InlineData(94)]
    [InlineData(95)]
    [InlineData(96)]
    [InlineData(97)]
    public void Spo2Scale2_OxygenUnknown_ScoresAsAir(double spo2) =>
        Assert.Equal(
            News2Calculator.ScoreSpo2(spo2, Spo2Scale.Scale2, onOxygen: false),
            News2Calculator.ScoreSpo2(spo2, Spo2Scale.Scale2, onOxygen: null));

    [Theory]
    [InlineData(91.49, 3)]
    [InlineData(91.5, 2)]
    [InlineData(93.49, 2)]
    [InlineData(93.5, 1)]
    [InlineData(95.49, 1)]
    [InlineData(95.5, 0)]
    public void Spo2Scale1_RoundsHalvesAwayFromZeroBeforeBanding(double spo2, int expected) =>
        Assert.Equal(expected, News2Calculator.ScoreSpo2(spo2, Spo2Scale.Scale1, onOxygen: false));

    [Theory]
    [InlineData(83.49, 3)]
    [InlineData(83.5, 2)]
    [InlineData(87.49, 1)]
    [InlineData(87.5, 0)]
    [InlineData(92.49, 0)]
    [InlineData(92.5, 1)]
    [InlineData(96.49, 2)]
    [InlineData(96.5, 3)]
    public void Spo2Scale2_OnOxygen_RoundsHalvesAwayFromZeroBeforeBanding(double spo2, int expected) =>
        Assert.Equal(expected, News2Calculator.ScoreSpo2(spo2, Spo2Scale.Scale2, onOxygen: true));

    [Fact]
    public void Spo2_UndefinedScale_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => News2Calculator.ScoreSpo2(95, (Spo2Scale)7, onOxygen: false));

    [Fact]
    public void Spo2_NaN_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => News2Calculator.ScoreSpo2(double.NaN, Spo2Scale.Scale1, onOxygen: false));
}
