using Emergency.Domain.Scoring;

namespace Emergency.Domain.Tests;

public class News2SystolicTests
{
    [Theory]
    [InlineData(40, 3)]
    [InlineData(90, 3)]
    [InlineData(91, 2)]
    [InlineData(100, 2)]
    [InlineData(101, 1)]
    [InlineData(110, 1)]
    [InlineData(111, 0)]
    [InlineData(219, 0)]
    [InlineData(220, 3)]
    [InlineData(280, 3)]
    public void Systolic_ScoresBothSidesOfEveryBandEdge(double sbp, int expected) =>
        Assert.Equal(expected, News2Calculator.ScoreSystolic(sbp));

    [Theory]
    [InlineData(90.49, 3)]
    [InlineData(90.5, 2)]
    [InlineData(100.49, 2)]
    [InlineData(100.5, 1)]
    [InlineData(110.49, 1)]
    [InlineData(110.5, 0)]
    [InlineData(219.49, 0)]
    [InlineData(219.5, 3)]
    public void Systolic_RoundsHalvesAwayFromZeroBeforeBanding(double sbp, int expected) =>
        Assert.Equal(expected, News2Calculator.ScoreSystolic(sbp));
}
