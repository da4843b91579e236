using Emergency.Domain.Scoring;

namespace Emergency.Domain.Tests;

public class News2PulseTests
{
    [Theory]
    [InlineData(0, 3)]
    [InlineData(40, 3)]
    [InlineData(41, 1)]
    [InlineData(50, 1)]
    [InlineData(51, 0)]
    [InlineData(90, 0)]
    [InlineData(91, 1)]
    [InlineData(110, 1)]
    [InlineData(111, 2)]
    [InlineData(130, 2)]
    [InlineData(131, 3)]
    [InlineData(220, 3)]
    public void Pulse_ScoresBothSidesOfEveryBandEdge(double hr, int expected) =>
        Assert.Equal(expected, News2Calculator.ScorePulse(hr));

    [Theory]
    [InlineData(40.49, 3)]
    [InlineData(40.5, 1)]
    [InlineData(50.49, 1)]
    [InlineData(50.5, 0)]
    [InlineData(90.49, 0)]
    [InlineData(90.5, 1)]
    [InlineData(110.49, 1)]
    [InlineData(110.5, 2)]
    [InlineData(130.49, 2)]
    [InlineData(130.5, 3)]
    public void Pulse_RoundsHalvesAwayFromZeroBeforeBanding(double hr, int expected) =>
        Assert.Equal(expected, News2Calculator.ScorePulse(hr));

    [Fact]
    public void Pulse_90Point5_RoundsUpTo91_Scores1() => Assert.Equal(1, News2Calculator.ScorePulse(90.5));

    [Fact]
    public void Pulse_90Point49_RoundsDownTo90_Scores0() => Assert.Equal(0, News2Calculator.ScorePulse(90.49));
}
