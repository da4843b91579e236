using Emergency.Domain.Patients;
using Emergency.Domain.Scoring;
using Emergency.Domain.Vitals;

namespace Emergency.Domain.Tests.Alerting;

public class News2ApplicabilityTests
{
    [Fact]
    public void NoContext_Applicable() =>
        Assert.Equal(News2ApplicabilityResult.Yes, News2Applicability.Evaluate(null));

    [Fact]
    public void EmptyContext_Applicable() =>
        Assert.True(News2Applicability.Evaluate(new PatientContext()).Applicable);

    [Fact]
    public void Age15_NotApplicable_WithReason()
    {
        var result = News2Applicability.Evaluate(new PatientContext { AgeYears = 15 });

        Assert.False(result.Applicable);
        Assert.Equal("under 16 years (age 15)", result.Reason);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(15)]
    public void UnderSixteen_NotApplicable(int age) =>
        Assert.False(News2Applicability.Evaluate(new PatientContext { AgeYears = age }).Applicable);

    [Theory]
    [InlineData(16)]
    [InlineData(17)]
    [InlineData(90)]
    public void SixteenOrOlder_Applicable(int age)
    {
        var result = News2Applicability.Evaluate(new PatientContext { AgeYears = age });

        Assert.True(result.Applicable);
        Assert.Null(result.Reason);
    }

    [Fact]
    public void Pregnant_NotApplicable()
    {
        var result = News2Applicability.Evaluate(new PatientContext { AgeYears = 30, Pregnant = true });

        Assert.False(result.Applicable);
        Assert.Equal("pregnant", result.Reason);
    }

    [Fact]
    public void NotPregnant_Applicable() =>
        Assert.True(News2Applicability.Evaluate(new PatientContext { AgeYears = 30, Pregnant = false }).Applicable);

    [Fact]
    public void UnderSixteenAndPregnant_BothReasons() =>
        Assert.Equal(
            "under 16 years (age 15); pregnant",
            News2Applicability.Evaluate(new PatientContext { AgeYears = 15, Pregnant = true }).Reason);

    [Fact]
    public void PaediatricCategory_NoAge_NotApplicable() =>
        Assert.Equal(
            News2ApplicabilityResult.No("paediatric patient"),
            News2Applicability.Evaluate(new PatientContext { Condition = ConditionCategory.Paediatric }));

    [Fact]
    public void PaediatricCategory_RecordedAdultAge_AgeWins() =>
        Assert.True(News2Applicability.Evaluate(
            new PatientContext { Condition = ConditionCategory.Paediatric, AgeYears = 16 }).Applicable);

    [Fact]
    public void ObstetricCategory_PregnancyNotRecorded_NotApplicable() =>
        Assert.Equal(
            News2ApplicabilityResult.No("obstetric patient"),
            News2Applicability.Evaluate(new PatientContext { Condition = ConditionCategory.Obstetric }));

    [Fact]
    public void ObstetricCategory_RecordedNotPregnant_Applicable() =>
        Assert.True(News2Applicability.Evaluate(
            new PatientContext { Condition = ConditionCategory.Obstetric, Pregnant = false }).Applicable);

    [Theory]
    [InlineData(ConditionCategory.Trauma)]
    [InlineData(ConditionCategory.Sepsis)]
    [InlineData(ConditionCategory.Respiratory)]
    public void OtherCategories_Applicable(ConditionCategory category) =>
        Assert.True(News2Applicability.Evaluate(new PatientContext { Condition = category }).Applicable);

    [Fact]
    public void Scale_FrameExplicit_Wins()
    {
        var hypercapnic = new PatientContext { HypercapnicRespiratoryFailure = true };

        Assert.Equal(Spo2Scale.Scale1, News2Applicability.EffectiveSpo2Scale(hypercapnic, Spo2Scale.Scale1));
        Assert.Equal(Spo2Scale.Scale2, News2Applicability.EffectiveSpo2Scale(new PatientContext(), Spo2Scale.Scale2));
        Assert.Equal(Spo2Scale.Scale2, News2Applicability.EffectiveSpo2Scale(null, Spo2Scale.Scale2));
    }

    [Fact]
    public void Scale_FrameAbsent_HypercapnicContext_Scale2() =>
        Assert.Equal(
            Spo2Scale.Scale2,
            News2Applicability.EffectiveSpo2Scale(new PatientContext { HypercapnicRespiratoryFailure = true }, null));

    [Theory]
    [InlineData(false)]
    [InlineData(null)]
    public void Scale_FrameAbsent_NotHypercapnic_Scale1(bool? hypercapnic) =>
        Assert.Equal(
            Spo2Scale.Scale1,
            News2Applicability.EffectiveSpo2Scale(new PatientContext { HypercapnicRespiratoryFailure = hypercapnic }, null));

    [Fact]
    public void Scale_NothingKnown_Scale1() =>
        Assert.Equal(Spo2Scale.Scale1, News2Applicability.EffectiveSpo2Scale(null, null));
}
