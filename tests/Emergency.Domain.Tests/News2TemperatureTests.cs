using Emergency.Domain.Scoring;

namespace Emergency.Domain.Tests;

public class News2TemperatureTests
{
    [Theory]
    [InlineData(30.0, 3)]
    [InlineData(35.0, 3)]
    [InlineData(35.1, 1)]
    [InlineData(36.0, 1)]
    [InlineData(36.1, 0)]
    [InlineData(38.0, 0)]
    [InlineData(38.1, 1)]
    [InlineData(39.0, 1)]
    [InlineData(39.1, 2)]
    [InlineData(42.0, 2)]
    public void Temperature_ScoresBothSidesOfEveryBandEdge(double celsius, int expected) =>
        Assert.Equal(expected, News2Calculator.ScoreTemperature(celsius));

    [Theory]
    [InlineData(35.04, 3)]
    [InlineData(35.05, 1)]
    [InlineData(36.04, 1)]
    [InlineData(36.05, 0)]
    [InlineData(38.04, 0)]
    [InlineData(38.05, 1)]
    [InlineData(39.04, 1)]
    [InlineData(39.05, 2)]
    public void Temperature_RoundsToOneDecimalHalvesAwayFromZeroBeforeBanding(double celsius, int expected) =>
        Assert.Equal(expected, News2Calculator.ScoreTemperature(celsius));

    [Fact]
    public void Temperature_38Point05_RoundsUpTo38Point1_Scores1() =>
        Assert.Equal(1, News2Calculator.ScoreTemperature(38.05));

    [Fact]
    public void Temperature_38Point04_RoundsDownTo38Point0_Scores0() =>
        Assert.Equal(0, News2Calculator.ScoreTemperature(38.04));

    [Theory]
    [InlineData(double.NegativeInfinity, 3)]
    [InlineData(-40.0, 3)]
    [InlineData(0.0, 3)]
    [InlineData(100.0, 2)]
    [InlineData(1e300, 2)]
    [InlineData(double.PositiveInfinity, 2)]
    public void Temperature_FarOutOfRange_ScoresLikeTheOuterBand(double celsius, int expected) =>
        Assert.Equal(expected, News2Calculator.ScoreTemperature(celsius));

    [Fact]
    public void Temperature_NaN_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => News2Calculator.ScoreTemperature(double.NaN));
}
