using Emergency.Domain.Scoring;
using Emergency.Domain.Vitals;

namespace Emergency.Domain.Tests;

public class News2ConsciousnessTests
{
    [Fact]
    public void Alert_Scores0() => Assert.Equal(0, News2Calculator.ScoreConsciousness(Acvpu.Alert));

    [Theory]
    [InlineData(Acvpu.NewConfusion)]
    [InlineData(Acvpu.Voice)]
    [InlineData(Acvpu.Pain)]
    [InlineData(Acvpu.Unresponsive)]
    public void NewConfusionVoicePainOrUnresponsive_Scores3(Acvpu level) =>
        Assert.Equal(3, News2Calculator.ScoreConsciousness(level));

    [Fact]
    public void UndefinedLevel_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => News2Calculator.ScoreConsciousness((Acvpu)9));
}
