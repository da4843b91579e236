using System.Text.Json;
using Emergency.Domain.Dispatch;
using Emergency.Domain.Geo;
using Emergency.Domain.Scoring;

namespace Emergency.Domain.Tests.Dispatch;

public class DispatchCodesTests
{
    [Theory]
    [InlineData("trauma", DispatchCondition.Trauma)]
    [InlineData("stroke", DispatchCondition.Stroke)]
    [InlineData("stemi", DispatchCondition.Stemi)]
    [InlineData("sepsis", DispatchCondition.Sepsis)]
    [InlineData("respiratory", DispatchCondition.Respiratory)]
    [InlineData("obstetric", DispatchCondition.Obstetric)]
    [InlineData("paediatric", DispatchCondition.Paediatric)]
    [InlineData("other", DispatchCondition.Other)]
    public void Condition_Codes(string code, DispatchCondition condition)
    {
        Assert.True(DispatchConditionCodes.TryParse(code, out var parsed));
        Assert.Equal(condition, parsed);
        Assert.Equal(code, condition.ToCode());
        Assert.Equal($"\"{code}\"", JsonSerializer.Serialize(condition));
        Assert.Equal(condition, JsonSerializer.Deserialize<DispatchCondition>($"\"{code}\""));
    }

    [Fact]
    public void Condition_CodesListNamesEveryValue() =>
        Assert.Equal(
            DispatchConditionCodes.Codes.Split('|').Order(),
            Enum.GetValues<DispatchCondition>().Select(c => c.ToCode()).Order());

    [Theory]
    [InlineData("STEMI")]
    [InlineData("pediatric")]
    [InlineData("")]
    [InlineData(null)]
    public void Condition_UnknownCodes_Fail(string? code) => Assert.False(DispatchConditionCodes.TryParse(code, out _));

    [Fact]
    public void Condition_JsonRefusesNumbers() =>
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<DispatchCondition>("3"));

    [Theory]
    [InlineData("low", News2Risk.Low)]
    [InlineData("low-medium", News2Risk.LowMedium)]
    [InlineData("medium", News2Risk.Medium)]
    [InlineData("high", News2Risk.High)]
    public void News2Risk_ParsesTheCodesItWrites(string code, News2Risk risk)
    {
        Assert.True(News2RiskCode.TryParse(code, out var parsed));
        Assert.Equal(risk, parsed);
        Assert.Equal(code, risk.ToCode());
    }

    [Theory]
    [InlineData("High")]
    [InlineData("critical")]
    [InlineData(null)]
    public void News2Risk_UnknownCodes_Fail(string? code) => Assert.False(News2RiskCode.TryParse(code, out _));

    [Fact]
    public void TraumaRedCriteria_HaveDistinctKebabCaseCodes()
    {
        var codes = Enum.GetValues<TraumaRedCriterion>().Select(c => JsonSerializer.Serialize(c).Trim('"')).ToList();
        Assert.Equal(15, codes.Count);
        Assert.Equal(codes.Count, codes.Distinct().Count());
        Assert.All(codes, c => Assert.Matches("^[a-z0-9]+(-[a-z0-9]+)*$", c));
        Assert.Equal(TraumaRedCriterion.PelvicFracture, JsonSerializer.Deserialize<TraumaRedCriterion>("\"pelvic-fracture\""));
    }

    [Fact]
    public void PatientNeeds_ReadsFromJson()
    {
        const string json = """
            { "position": { "lat": 31.2, "lon": 121.4 }, "condition": "trauma", "lvoSuspected": false,
              "traumaRedCriteria": ["pelvic-fracture", "hr-above-sbp"], "ageYears": 40, "pregnant": false, "patientId": "P-1" }
            """;
        var needs = JsonSerializer.Deserialize<PatientNeeds>(json, new JsonSerializerOptions(JsonSerializerDefaults.Web))!;
        Assert.Equal(new GeoPoint(31.2, 121.4), needs.Position);
        Assert.Equal(DispatchCondition.Trauma, needs.Condition);
        Assert.Equal([TraumaRedCriterion.PelvicFracture, TraumaRedCriterion.HeartRateAboveSbp], needs.TraumaRedCriteria);
    }
}
