using Emergency.Domain.Scoring;

namespace Emergency.Domain.Tests;

public class News2OxygenTests
{
    [Fact]
    public void Oxygen_Scores2() => Assert.Equal(2, News2Calculator.ScoreOxygen(true));

    [Fact]
    public void Air_Scores0() => Assert.Equal(0, News2Calculator.ScoreOxygen(false));
}
