using Emergency.Domain.Scoring;

namespace Emergency.Domain.Tests;

public class News2RespirationRateTests
{
    [Theory]
    [InlineData(0, 3)]
    [InlineData(8, 3)]
    [InlineData(9, 1)]
    [InlineData(11, 1)]
    [InlineData(12, 0)]
    [InlineData(20, 0)]
    [InlineData(21, 2)]
    [InlineData(24, 2)]
    [InlineData(25, 3)]
    [InlineData(60, 3)]
    public void RespirationRate_ScoresBothSidesOfEveryBandEdge(double rr, int expected) =>
        Assert.Equal(expected, News2Calculator.ScoreRespirationRate(rr));

    [Theory]
    [InlineData(8.49, 3)]
    [InlineData(8.5, 1)]
    [InlineData(11.49, 1)]
    [InlineData(11.5, 0)]
    [InlineData(20.49, 0)]
    [InlineData(20.5, 2)]
    [InlineData(24.49, 2)]
    [InlineData(24.5, 3)]
    public void RespirationRate_RoundsHalvesAwayFromZeroBeforeBanding(double rr, int expected) =>
        Assert.Equal(expected, News2Calculator.ScoreRespirationRate(rr));

    [Fact]
    public void RespirationRate_NaN_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => News2Calculator.ScoreRespirationRate(double.NaN));
}
