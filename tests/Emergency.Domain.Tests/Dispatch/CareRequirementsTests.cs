using Emergency.Domain.Dispatch;
using Emergency.Domain.Geo;
using Emergency.Domain.Scoring;
using static Emergency.Domain.Dispatch.DispatchCondition;

namespace Emergency.Domain.Tests.Dispatch;

public class CareRequirementsTests
{
    private static readonly RankingOptions Defaults = new();

    private static CareRequirements For(DispatchCondition condition, News2Risk? risk = null, bool lvo = false,
        bool red = false, int? age = null, bool pregnant = false) =>
        CareRequirements.For(
            new PatientNeeds(new GeoPoint(31.2, 121.4), condition, risk, lvo,
                red ? [TraumaRedCriterion.PelvicFracture] : [], age, pregnant),
            Defaults);

    // Requirements written as a compact string so the table reads as one line each:
    // pci stroke thromb major(basis) traumaPref paed obst pregNoted resus(basis); "-" for none.
    private static string Summary(CareRequirements r)
    {
        var parts = new List<string>();
        if (r.Pci) parts.Add("pci");
        if (r.StrokeCentre) parts.Add("stroke");
        if (r.ThrombectomyPreferred) parts.Add("thromb");
        if (r.MajorTraumaCentre) parts.Add($"major({r.MajorTraumaBasis})");
        if (r.TraumaCentrePreferred) parts.Add("traumaPref");
        if (r.Paediatric) parts.Add("paed");
        if (r.Obstetric) parts.Add("obst");
        if (r.PregnancyNoted) parts.Add("pregNoted");
        if (r.ResusBay) parts.Add($"resus({r.ResusBayBasis})");
        return parts.Count == 0 ? "-" : string.Join(' ', parts);
    }

    public static TheoryData<string, CareRequirements, string> Table => new()
    {
        { "other", For(Other), "-" },
        { "sepsis", For(Sepsis), "-" },
        { "respiratory", For(Respiratory), "-" },
        { "stemi", For(Stemi), "pci" },
        { "stroke", For(Stroke), "stroke" },
        { "stroke + LVO", For(Stroke, lvo: true), "stroke thromb" },
        { "other + LVO", For(Other, lvo: true), "stroke thromb" },
        { "trauma", For(Trauma), "traumaPref" },
        { "trauma + NEWS2 medium", For(Trauma, News2Risk.Medium), "traumaPref" },
        { "trauma + NEWS2 high", For(Trauma, News2Risk.High), "major(NEWS2 high) resus(major trauma)" },
        { "trauma + red criterion", For(Trauma, red: true), "major(field triage red criteria) resus(major trauma)" },
        { "trauma + red + NEWS2 high: red criteria named", For(Trauma, News2Risk.High, red: true), "major(field triage red criteria) resus(major trauma)" },
        { "other + red criterion", For(Other, red: true), "major(field triage red criteria) resus(major trauma)" },
        { "sepsis + NEWS2 high", For(Sepsis, News2Risk.High), "resus(NEWS2 high)" },
        { "stemi + NEWS2 high", For(Stemi, News2Risk.High), "pci resus(NEWS2 high)" },
        { "stroke + NEWS2 low-medium", For(Stroke, News2Risk.LowMedium), "stroke" },
        { "paediatric", For(Paediatric), "paed" },
        { "age 15", For(Other, age: 15), "paed" },
        { "age 16", For(Other, age: 16), "-" },
        { "age 0", For(Respiratory, age: 0), "paed" },
        { "child with trauma red criterion", For(Trauma, red: true, age: 8), "major(field triage red criteria) paed resus(major trauma)" },
        { "obstetric", For(Obstetric), "obst" },
        { "pregnant + other", For(Other, pregnant: true), "obst" },
        { "pregnant + obstetric", For(Obstetric, pregnant: true), "obst" },
        { "pregnant + stemi", For(Stemi, pregnant: true), "pci pregNoted" },
        { "pregnant + trauma", For(Trauma, pregnant: true), "traumaPref pregNoted" },
        { "pregnant + sepsis", For(Sepsis, pregnant: true), "pregNoted" },
        { "pregnant teenager", For(Other, age: 15, pregnant: true), "paed obst" },
    };

    [Theory]
    [MemberData(nameof(Table))]
    public void Requirements(string patient, CareRequirements requirements, string expected) =>
        Assert.True(expected == Summary(requirements), $"{patient}: got {Summary(requirements)}");

    [Fact]
    public void NullRedCriteria_MeansNone() =>
        Assert.False(CareRequirements.For(new PatientNeeds(new GeoPoint(31, 121), Trauma, TraumaRedCriteria: null), Defaults).MajorTraumaCentre);

    [Fact]
    public void PaediatricAge_IsConfigurable()
    {
        var options = new RankingOptions { PaediatricAgeBelow = 18 };
        Assert.True(CareRequirements.For(new PatientNeeds(new GeoPoint(31, 121), Other, AgeYears: 17), options).Paediatric);
    }

    [Fact]
    public void CountAndLabels()
    {
        var r = For(Trauma, red: true, age: 8, pregnant: true);
        Assert.Equal(2, r.Count);
        Assert.Equal(["a Level I/II trauma centre", "paediatric care"], r.Labels);
        Assert.Equal(0, For(Sepsis).Count);
        Assert.Empty(For(Sepsis).Labels);
        Assert.Equal(["PCI available 24/7"], For(Stemi).Labels);
        Assert.Equal(["a stroke centre"], For(Stroke).Labels);
        Assert.Equal(["an obstetric unit"], For(Obstetric).Labels);
    }
}
