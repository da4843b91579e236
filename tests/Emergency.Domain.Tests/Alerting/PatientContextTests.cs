using Emergency.Domain.Patients;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;

namespace Emergency.Domain.Tests.Alerting;

public class PatientContextTests
{
    [Fact]
    public void Empty_IsValid()
    {
        var context = new PatientContext();

        Assert.Empty(context.Validate());
        Assert.True(context.IsValid);
        Assert.Empty(context.TraumaRedCriteria);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(15)]
    [InlineData(16)]
    [InlineData(130)]
    public void Age_InRange_IsValid(int age) =>
        Assert.Empty(new PatientContext { AgeYears = age }.Validate());

    [Theory]
    [InlineData(-1)]
    [InlineData(131)]
    [InlineData(int.MinValue)]
    public void Age_OutOfRange_NamesField(int age)
    {
        var error = Assert.Single(new PatientContext { AgeYears = age }.Validate());
        Assert.StartsWith("ageYears:", error);
    }

    [Theory]
    [InlineData("female")]
    [InlineData("male")]
    [InlineData("other")]
    [InlineData("unknown")]
    public void Sex_KnownCode_IsValid(string sex) =>
        Assert.Empty(new PatientContext { Sex = sex }.Validate());

    [Theory]
    [InlineData("")]
    [InlineData("F")]
    [InlineData("Female")]
    public void Sex_UnknownCode_NamesField(string sex)
    {
        var error = Assert.Single(new PatientContext { Sex = sex }.Validate());
        Assert.StartsWith("sex:", error);
    }

    [Fact]
    public void Pregnant_Male_NamesField()
    {
        var error = Assert.Single(new PatientContext { Sex = "male", Pregnant = true }.Validate());
        Assert.StartsWith("pregnant:", error);
    }

    [Fact]
    public void Pregnant_Female_IsValid() =>
        Assert.Empty(new PatientContext { Sex = "female", Pregnant = true, AgeYears = 30 }.Validate());

    [Fact]
    public void Condition_Undefined_NamesField()
    {
        var error = Assert.Single(new PatientContext { Condition = (ConditionCategory)99 }.Validate());
        Assert.StartsWith("condition:", error);
    }

    [Fact]
    public void Lvo_OnStroke_IsValid() =>
        Assert.Empty(new PatientContext { Condition = ConditionCategory.Stroke, LvoSuspected = true }.Validate());

    [Fact]
    public void Lvo_WithoutCondition_IsValid() =>
        Assert.Empty(new PatientContext { LvoSuspected = true }.Validate());

    [Fact]
    public void Lvo_OnOtherCondition_NamesField()
    {
        var error = Assert.Single(new PatientContext { Condition = ConditionCategory.Stemi, LvoSuspected = true }.Validate());
        Assert.StartsWith("lvoSuspected:", error);
        Assert.Contains("stemi", error);
    }

    [Fact]
    public void TraumaCriteria_OnTrauma_AreValid() =>
        Assert.Empty(new PatientContext
        {
            Condition = ConditionCategory.Trauma,
            TraumaRedCriteria = ["penetrating torso injury", "GCS below 14"],
        }.Validate());

    [Fact]
    public void TraumaCriteria_OnOtherCondition_NamesField()
    {
        var error = Assert.Single(new PatientContext
        {
            Condition = ConditionCategory.Sepsis,
            TraumaRedCriteria = ["amputation"],
        }.Validate());
        Assert.StartsWith("traumaRedCriteria:", error);
    }

    [Fact]
    public void TraumaCriteria_EmptyLongAndRepeated_EachNamed()
    {
        var errors = new PatientContext
        {
            TraumaRedCriteria = ["flail chest", " ", new string('x', PatientContext.MaxCriterionLength + 1), "Flail chest"],
        }.Validate();

        Assert.Equal(
            [
                "traumaRedCriteria[1]: must not be empty",
                $"traumaRedCriteria[2]: at most {PatientContext.MaxCriterionLength} characters (was {PatientContext.MaxCriterionLength + 1})",
                "traumaRedCriteria[3]: repeats entry 0",
            ],
            errors);
    }

    [Fact]
    public void TraumaCriteria_TooMany_NamesField()
    {
        var many = Enumerable.Range(0, PatientContext.MaxTraumaRedCriteria + 1).Select(i => $"criterion {i}").ToArray();

        var error = Assert.Single(new PatientContext { TraumaRedCriteria = [.. many] }.Validate());
        Assert.StartsWith("traumaRedCriteria:", error);
    }

    [Fact]
    public void TraumaCriteria_DefaultArray_ReadsAsEmpty() =>
        Assert.Empty(new PatientContext { TraumaRedCriteria = default }.TraumaRedCriteria);

    [Fact]
    public void SeveralProblems_AllReported()
    {
        var errors = new PatientContext { AgeYears = 200, Sex = "x", Condition = ConditionCategory.Other, LvoSuspected = true }.Validate();

        Assert.Equal(3, errors.Count);
        Assert.StartsWith("ageYears:", errors[0]);
        Assert.StartsWith("sex:", errors[1]);
        Assert.StartsWith("lvoSuspected:", errors[2]);
    }

    [Fact]
    public void Equality_ComparesCriteriaByValue()
    {
        var a = new PatientContext { AgeYears = 40, Condition = ConditionCategory.Trauma, TraumaRedCriteria = ["a", "b"] };
        var b = new PatientContext { AgeYears = 40, Condition = ConditionCategory.Trauma, TraumaRedCriteria = ["a", "b"] };
        var c = b with { TraumaRedCriteria = ["a"] };

        Assert.Equal(a, b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.NotEqual(a, c);
        Assert.NotEqual(a, b with { Sex = "female" });
    }

    [Theory]
    [InlineData(ConditionCategory.Trauma, "trauma")]
    [InlineData(ConditionCategory.Stroke, "stroke")]
    [InlineData(ConditionCategory.Stemi, "stemi")]
    [InlineData(ConditionCategory.Sepsis, "sepsis")]
    [InlineData(ConditionCategory.Respiratory, "respiratory")]
    [InlineData(ConditionCategory.Obstetric, "obstetric")]
    [InlineData(ConditionCategory.Paediatric, "paediatric")]
    [InlineData(ConditionCategory.Other, "other")]
    public void ConditionCategory_Codes_RoundTrip(ConditionCategory category, string code)
    {
        Assert.Equal(code, category.ToCode());
        Assert.True(ConditionCategoryCodes.TryParse(code, out var parsed));
        Assert.Equal(category, parsed);
    }

    [Theory]
    [InlineData("Trauma")]
    [InlineData("pediatric")]
    [InlineData("")]
    [InlineData(null)]
    public void ConditionCategory_OtherCodes_NotParsed(string? code) =>
        Assert.False(ConditionCategoryCodes.TryParse(code, out _));

    [Fact]
    public void OrleansSerializer_RoundTrips()
    {
        var context = new PatientContext
        {
            AgeYears = 54, Sex = "female", Pregnant = false, HypercapnicRespiratoryFailure = true,
            Condition = ConditionCategory.Trauma, LvoSuspected = null, TraumaRedCriteria = ["flail chest", "amputation"],
        };

        using var services = new ServiceCollection().AddSerializer().BuildServiceProvider();
        var serializer = services.GetRequiredService<Serializer>();
        var copy = serializer.Deserialize<PatientContext>(serializer.SerializeToArray(context));

        Assert.Equal(context, copy);
        Assert.Equal<string>(["flail chest", "amputation"], copy!.TraumaRedCriteria);
    }
}
