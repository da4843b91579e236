using System.Collections.Immutable;
using Emergency.Domain.Alerts;
using Emergency.Domain.Patients;
using Emergency.Domain.Scoring;
using Emergency.Domain.Vitals;
using static Emergency.Domain.Tests.Alerting.TestVitals;

namespace Emergency.Domain.Tests.Alerting;

public class AlertConditionsTests
{
    private static ImmutableArray<AlertCondition> Conditions(in VitalSigns vitals, PatientContext? context = null, TrendAssessment? trends = null) =>
        AlertConditions.Evaluate(AlertInputs.Assess(vitals, context, trends));

    [Fact]
    public void NormalVitals_NoCondition() =>
        Assert.Empty(Conditions(Normal));

    [Fact]
    public void NoInputs_NoCondition() =>
        Assert.Empty(AlertConditions.Evaluate(AlertInputs.None));

    [Fact]
    public void News2Total4_NoAggregateCondition() =>
        Assert.Empty(Conditions(Normal with { Rr = 22, Hr = 115 })); // 2 + 2, no single 3

    [Fact]
    public void News2Medium_MediumPriority()
    {
        // rr 22 → 2, hr 115 → 2, temp 38.5 → 1: total 5, medium risk
        var condition = Assert.Single(Conditions(Normal with { Rr = 22, Hr = 115, Temp = 38.5 }));

        Assert.Equal(new AlertCondition(AlertKind.News2High, AlertPriority.Medium, "NEWS2 5 (RR 2, HR 2, Temp 1)", 5), condition);
    }

    [Fact]
    public void News2High_HighPriority_ReasonListsScoringParameters()
    {
        // rr 25 → 3, spo2 91 → 3, hr 112 → 2: total 8; qSOFA 1 (rr); shock index 112/120 elevated only
        var conditions = Conditions(Normal with { Rr = 25, Spo2 = 91, Hr = 112 });

        Assert.Equal(2, conditions.Length);
        Assert.Equal(new AlertCondition(AlertKind.News2High, AlertPriority.High, "NEWS2 8 (RR 3, SpO2 3, HR 2)", 8), conditions[0]);
        Assert.Equal(new AlertCondition(AlertKind.SingleParameter, AlertPriority.Medium, "NEWS2 parameters scoring 3: RR, SpO2", 2), conditions[1]);
    }

    [Fact]
    public void News2_Incomplete_SaidInReason()
    {
        var news2 = News2Calculator.Score(Normal with { Rr = 25, Spo2 = 91, Hr = 112, Temp = null });

        Assert.Equal("NEWS2 8 (RR 3, SpO2 3, HR 2; incomplete)", AlertConditions.News2Reason(news2));
        Assert.Equal("NEWS2 0 (incomplete)", AlertConditions.News2Reason(News2Calculator.Score(VitalSigns.Empty)));
        Assert.Equal("NEWS2 0", AlertConditions.News2Reason(News2Calculator.Score(Normal)));
    }

    [Fact]
    public void News2Reason_AllParametersInChartOrder() =>
        Assert.Equal(
            "NEWS2 14 (RR 2, SpO2 2, O2 2, SBP 2, HR 2, ACVPU 3, Temp 1)",
            AlertConditions.News2Reason(News2Calculator.Score(new VitalSigns(112, 24, 93, 98, 60, 38.4, Acvpu.Voice, true, Spo2Scale.Scale1))));

    [Theory]
    [InlineData(8.0, null, null, null, "RR")]
    [InlineData(null, 91.0, null, null, "SpO2")]
    [InlineData(null, null, 90.0, null, "SBP")]
    [InlineData(null, null, null, 131.0, "HR")]
    public void SingleParameterAt3_MediumPriority(double? rr, double? spo2, double? sbp, double? hr, string name)
    {
        var vitals = Normal with { Rr = rr ?? Normal.Rr, Spo2 = spo2 ?? Normal.Spo2, Sbp = sbp ?? Normal.Sbp, Hr = hr ?? Normal.Hr };

        var single = Assert.Single(Conditions(vitals), c => c.Kind == AlertKind.SingleParameter);

        Assert.Equal(AlertPriority.Medium, single.Priority);
        Assert.Equal($"NEWS2 parameter scoring 3: {name}", single.Reason);
        Assert.Equal(1, single.Score);
    }

    [Fact]
    public void SingleParameter_ConsciousnessAndTemperature()
    {
        var c = Conditions(Normal with { Acvpu = Acvpu.NewConfusion, Temp = 35.0 });

        Assert.Contains(new AlertCondition(AlertKind.SingleParameter, AlertPriority.Medium, "NEWS2 parameters scoring 3: ACVPU, Temp", 2), c);
    }

    [Fact]
    public void SingleParameter_PriorityConfigurable()
    {
        var options = new AlertOptions { SingleParameterPriority = AlertPriority.Low };

        var single = Assert.Single(AlertConditions.Evaluate(AlertInputs.Assess(Normal with { Spo2 = 90 }), options));

        Assert.Equal(AlertPriority.Low, single.Priority);
    }

    [Fact]
    public void QsofaPositive_HighPriority()
    {
        // rr 22 (NEWS2 2), sbp 100 (NEWS2 2): qSOFA 2; NEWS2 4, no 3
        var condition = Assert.Single(Conditions(Normal with { Rr = 22, Sbp = 100 }));

        Assert.Equal(new AlertCondition(AlertKind.Qsofa, AlertPriority.High, "qSOFA 2 (RR ≥22, SBP ≤100)", 2), condition);
    }

    [Fact]
    public void QsofaReason_AlteredMentation()
    {
        var inputs = new AlertInputs { Qsofa = QsofaCalculator.Score(Normal with { Rr = 30, Acvpu = Acvpu.Voice, Sbp = 90 }) };

        Assert.Equal("qSOFA 3 (RR ≥22, altered mentation, SBP ≤100)", Assert.Single(AlertConditions.Evaluate(inputs)).Reason);
    }

    [Fact]
    public void QsofaOnePoint_NoCondition() =>
        Assert.Empty(AlertConditions.Evaluate(new AlertInputs { Qsofa = QsofaCalculator.Score(Normal with { Rr = 22 }) }));

    [Theory]
    [InlineData(99.9, false)] // 0.999 elevated
    [InlineData(100, true)]   // 1.0 high
    [InlineData(150, true)]   // 1.5 severe
    public void ShockIndex_HighBandOrAbove_HighPriority(double hr, bool alerts)
    {
        var inputs = new AlertInputs { ShockIndex = ShockIndex.Compute(hr, 100) };

        var conditions = AlertConditions.Evaluate(inputs);

        if (!alerts)
        {
            Assert.Empty(conditions);
            return;
        }
        var condition = Assert.Single(conditions);
        Assert.Equal(AlertKind.ShockIndex, condition.Kind);
        Assert.Equal(AlertPriority.High, condition.Priority);
    }

    [Fact]
    public void ShockIndex_Reason()
    {
        var condition = Assert.Single(AlertConditions.Evaluate(new AlertInputs { ShockIndex = ShockIndex.Compute(112, 100) }));

        Assert.Equal("Shock index 1.12 (high; HR 112 / SBP 100)", condition.Reason);
        Assert.Equal((int)ShockIndexBand.High, condition.Score);
    }

    [Fact]
    public void ShockIndex_AlertBandConfigurable()
    {
        var options = new AlertOptions { ShockIndexAlertBand = ShockIndexBand.Elevated };

        Assert.Single(AlertConditions.Evaluate(new AlertInputs { ShockIndex = ShockIndex.Compute(90, 100) }, options));
    }

    private static TrendAssessment Trends(params TrendFinding[] findings) => new() { Findings = [.. findings] };

    private static readonly TrendFinding Rising = new(TrendKind.News2Rising, 1, 4, TimeSpan.FromMinutes(15));
    private static readonly TrendFinding Desat = new(TrendKind.Spo2Falling, 97, 92, TimeSpan.FromMinutes(5));

    [Fact]
    public void Trend_MediumPriority_ReasonsJoined()
    {
        var condition = Assert.Single(AlertConditions.Evaluate(new AlertInputs { Trends = Trends(Rising, Desat) }));

        Assert.Equal(AlertKind.Trend, condition.Kind);
        Assert.Equal(AlertPriority.Medium, condition.Priority);
        Assert.Equal("NEWS2 rose 3 in 15 min (1 → 4); SpO2 fell 5 in 5 min (97 → 92)", condition.Reason);
        Assert.Null(condition.Score);
    }

    [Fact]
    public void Trend_NoFindings_NoCondition() =>
        Assert.Empty(AlertConditions.Evaluate(new AlertInputs { Trends = TrendAssessment.None }));

    [Fact]
    public void NotApplicable_NoNews2Conditions_OthersStay()
    {
        var pregnant = new PatientContext { AgeYears = 30, Pregnant = true };
        // NEWS2 8 with two 3s, qSOFA 2 (rr 25, sbp 100)
        var conditions = Conditions(Normal with { Rr = 25, Spo2 = 91, Hr = 112, Sbp = 100 }, pregnant);

        Assert.Equal([AlertKind.Qsofa, AlertKind.ShockIndex], conditions.Select(c => c.Kind));
    }

    [Fact]
    public void NotApplicable_News2RisingFindingDropped()
    {
        var child = new PatientContext { AgeYears = 15 };

        Assert.Empty(Conditions(Normal, child, Trends(Rising)));
        Assert.Equal("SpO2 fell 5 in 5 min (97 → 92)", Assert.Single(Conditions(Normal, child, Trends(Rising, Desat))).Reason);
    }

    [Fact]
    public void AdditionalConditions_MergedByKind_HigherPriorityWins()
    {
        var inputs = AlertInputs.Assess(Normal with { Rr = 22, Hr = 115, Temp = 38.5 }) with // NEWS2 5: medium
        {
            AdditionalConditions =
            [
                new AlertCondition(AlertKind.Predicted, AlertPriority.Low, "deterioration predicted"),
                new AlertCondition(AlertKind.News2High, AlertPriority.High, "manual override"),
            ],
        };

        var conditions = AlertConditions.Evaluate(inputs);

        Assert.Equal([AlertKind.News2High, AlertKind.Predicted], conditions.Select(c => c.Kind));
        Assert.Equal("manual override", conditions[0].Reason);
    }

    [Fact]
    public void AdditionalNews2Condition_DroppedWhenNotApplicable()
    {
        var inputs = new AlertInputs
        {
            Applicability = News2ApplicabilityResult.No("pregnant"),
            AdditionalConditions = [new AlertCondition(AlertKind.SingleParameter, AlertPriority.Medium, "x")],
        };

        Assert.Empty(AlertConditions.Evaluate(inputs));
    }

    [Fact]
    public void Assess_UsesEffectiveScaleFromContext()
    {
        // SpO2 88 on air: scale 1 → 3; scale 2 → 0.
        var vitals = Normal with { Spo2 = 88, Spo2Scale = null };

        Assert.Equal(3, AlertInputs.Assess(vitals).News2!.Value.Spo2);
        Assert.Equal(0, AlertInputs.Assess(vitals, new PatientContext { HypercapnicRespiratoryFailure = true }).News2!.Value.Spo2);
    }

    [Fact]
    public void Assess_FillsEveryScore()
    {
        var trends = Trends(Desat);
        var inputs = AlertInputs.Assess(Normal, new PatientContext { AgeYears = 15 }, trends);

        Assert.Equal(News2Calculator.Score(Normal), inputs.News2);
        Assert.Equal(QsofaCalculator.Score(Normal), inputs.Qsofa);
        Assert.Equal(ShockIndex.Compute(Normal), inputs.ShockIndex);
        Assert.Same(trends, inputs.Trends);
        Assert.False(inputs.Applicability.Applicable);
        Assert.Empty(inputs.AdditionalConditions);
    }

    [Fact]
    public void Defaults_ApplicableWithNoAdditional()
    {
        Assert.True(new AlertInputs().Applicability.Applicable);
        Assert.Empty(new AlertInputs { AdditionalConditions = default }.AdditionalConditions);
    }
}
