using Emergency.Domain.Scoring;
using Emergency.Domain.Vitals;
using static Emergency.Domain.Tests.Alerting.TestVitals;

namespace Emergency.Domain.Tests.Alerting;

public class QsofaCalculatorTests
{
    [Theory]
    [InlineData(21, CriterionState.NotMet)]
    [InlineData(21.49, CriterionState.NotMet)]
    [InlineData(21.5, CriterionState.Met)]
    [InlineData(22, CriterionState.Met)]
    [InlineData(40, CriterionState.Met)]
    [InlineData(0, CriterionState.NotMet)]
    public void RespiratoryRate_MetFrom22(double rr, CriterionState expected) =>
        Assert.Equal(expected, QsofaCalculator.RespiratoryRate(rr));

    [Theory]
    [InlineData(100, CriterionState.Met)]
    [InlineData(100.49, CriterionState.Met)]
    [InlineData(100.5, CriterionState.NotMet)]
    [InlineData(101, CriterionState.NotMet)]
    [InlineData(60, CriterionState.Met)]
    [InlineData(180, CriterionState.NotMet)]
    public void Systolic_MetAtOrBelow100(double sbp, CriterionState expected) =>
        Assert.Equal(expected, QsofaCalculator.Systolic(sbp));

    [Theory]
    [InlineData(Acvpu.Alert, CriterionState.NotMet)]
    [InlineData(Acvpu.NewConfusion, CriterionState.Met)]
    [InlineData(Acvpu.Voice, CriterionState.Met)]
    [InlineData(Acvpu.Pain, CriterionState.Met)]
    [InlineData(Acvpu.Unresponsive, CriterionState.Met)]
    public void AlteredMentation_AnyLevelButAlert(Acvpu level, CriterionState expected) =>
        Assert.Equal(expected, QsofaCalculator.AlteredMentation(level));

    [Fact]
    public void MissingInputs_AreUnknown()
    {
        Assert.Equal(CriterionState.Unknown, QsofaCalculator.RespiratoryRate(null));
        Assert.Equal(CriterionState.Unknown, QsofaCalculator.RespiratoryRate(double.NaN));
        Assert.Equal(CriterionState.Unknown, QsofaCalculator.Systolic(null));
        Assert.Equal(CriterionState.Unknown, QsofaCalculator.Systolic(double.NaN));
        Assert.Equal(CriterionState.Unknown, QsofaCalculator.AlteredMentation(null));
    }

    [Fact]
    public void UndefinedAcvpu_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => QsofaCalculator.AlteredMentation((Acvpu)42));

    [Fact]
    public void NormalVitals_ZeroPoints_NegativeComplete()
    {
        var result = QsofaCalculator.Score(Normal);

        Assert.Equal(new QsofaResult(0, false, true, CriterionState.NotMet, CriterionState.NotMet, CriterionState.NotMet), result);
        Assert.False(result.CouldBePositive);
    }

    [Fact]
    public void OneCriterion_OnePoint_Negative()
    {
        var result = QsofaCalculator.Score(Normal with { Rr = 22 });

        Assert.Equal(1, result.Points);
        Assert.False(result.Positive);
        Assert.Equal(CriterionState.Met, result.RespiratoryRate);
    }

    [Theory]
    [InlineData(22, Acvpu.Voice, 120)]
    [InlineData(22, Acvpu.Alert, 100)]
    [InlineData(16, Acvpu.NewConfusion, 100)]
    public void TwoCriteria_Positive(double rr, Acvpu level, double sbp)
    {
        var result = QsofaCalculator.Score(Normal with { Rr = rr, Acvpu = level, Sbp = sbp });

        Assert.Equal(2, result.Points);
        Assert.True(result.Positive);
        Assert.True(result.Complete);
    }

    [Fact]
    public void ThreeCriteria_ThreePoints()
    {
        var result = QsofaCalculator.Score(Normal with { Rr = 30, Acvpu = Acvpu.Pain, Sbp = 85 });

        Assert.Equal(3, result.Points);
        Assert.True(result.Positive);
    }

    [Fact]
    public void EdgeJustOutside_BothNumericCriteria_Negative()
    {
        var result = QsofaCalculator.Score(Normal with { Rr = 21, Sbp = 101 });

        Assert.Equal(0, result.Points);
        Assert.False(result.Positive);
    }

    [Fact]
    public void TwoMet_ThirdUnknown_PositiveButIncomplete()
    {
        var result = QsofaCalculator.Score(Normal with { Rr = 24, Sbp = 95, Acvpu = null });

        Assert.True(result.Positive);
        Assert.False(result.Complete);
        Assert.Equal(CriterionState.Unknown, result.AlteredMentation);
        Assert.False(result.CouldBePositive);
    }

    [Fact]
    public void OneMet_OneUnknown_CouldBePositive()
    {
        var result = QsofaCalculator.Score(Normal with { Rr = 24, Sbp = null });

        Assert.Equal(1, result.Points);
        Assert.False(result.Positive);
        Assert.False(result.Complete);
        Assert.True(result.CouldBePositive);
    }

    [Fact]
    public void Empty_AllUnknown_ZeroPoints()
    {
        var result = QsofaCalculator.Score(VitalSigns.Empty);

        Assert.Equal(0, result.Points);
        Assert.False(result.Complete);
        Assert.True(result.CouldBePositive);
    }

    [Theory]
    [InlineData(CriterionState.Met, "met")]
    [InlineData(CriterionState.NotMet, "not-met")]
    [InlineData(CriterionState.Unknown, "unknown")]
    public void CriterionState_Codes_RoundTrip(CriterionState state, string code)
    {
        Assert.Equal(code, state.ToCode());
        Assert.True(CriterionStateCodes.TryParse(code, out var parsed));
        Assert.Equal(state, parsed);
    }

    [Fact]
    public void CriterionState_UnknownCode_NotParsed() =>
        Assert.False(CriterionStateCodes.TryParse("maybe", out _));
}
