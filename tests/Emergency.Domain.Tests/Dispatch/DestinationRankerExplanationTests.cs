using Emergency.Domain.Dispatch;
using Emergency.Domain.Geo;
using Emergency.Domain.Scoring;
using static Emergency.Domain.Dispatch.DispatchCondition;

namespace Emergency.Domain.Tests.Dispatch;

/// <summary>Reasons (exact wording) and warnings.</summary>
public class DestinationRankerExplanationTests
{
    private static readonly GeoPoint Scene = new(31.2, 121.45);

    private static PatientNeeds Needs(DispatchCondition condition, News2Risk? risk = null, bool lvo = false,
        TraumaRedCriterion[]? red = null, int? age = null, bool pregnant = false) =>
        new(Scene, condition, risk, lvo, red, age, pregnant, "P-7F3A2");

    private static DestinationRecommendation Rank(PatientNeeds needs, RankingOptions? options, params string[] hospitals) =>
        new DestinationRanker(new EtaModel(), options).Rank(needs, HospitalSpec.ParseAll(hospitals), HospitalSpec.Now);

    private static DestinationRecommendation Rank(PatientNeeds needs, params string[] hospitals) => Rank(needs, null, hospitals);

    private static IReadOnlyList<string> ReasonsOf(DestinationRecommendation r, string id) =>
        r.Hospitals.Single(h => h.HospitalId == id).Reasons;

    public static TheoryData<string, PatientNeeds, string[], string, string[]> Reasons => new()
    {
        // The example of the wire contract.
        { "STEMI, PCI centre", Needs(Stemi), ["H-03 11.5 pci resus=1/4"], "H-03",
            ["PCI available 24/7 (STEMI: FMC-to-device ≤ 90 min)", "1 resus bay free"] },
        { "STEMI, no PCI", Needs(Stemi), ["H-01 5 resus=0/4"], "H-01",
            ["Not PCI-capable", "No resus bay free"] },
        { "Stroke, primary centre", Needs(Stroke), ["H-02 10 primary resus=3/4"], "H-02",
            ["Primary stroke centre (thrombolysis)", "3 resus bays free"] },
        { "Stroke, thrombectomy centre", Needs(Stroke), ["H-02 10 thrombectomy"], "H-02",
            ["Thrombectomy-capable stroke centre", "2 resus bays free"] },
        { "Stroke, none", Needs(Stroke), ["H-01 5", "H-02 10 primary"], "H-01",
            ["Not a stroke centre", "2 resus bays free"] },
        { "LVO, thrombectomy within allowance", Needs(Stroke, lvo: true), ["H-02 10 primary", "H-03 35 thrombectomy"], "H-03",
            ["Thrombectomy-capable (suspected LVO): 25 min beyond the nearest stroke centre, within the 30 min allowance", "2 resus bays free"] },
        { "LVO, thrombectomy beyond allowance", Needs(Stroke, lvo: true), ["H-02 10 primary", "H-03 41.5 thrombectomy"], "H-03",
            ["Thrombectomy-capable, but 31.5 min beyond the nearest stroke centre (allowance 30 min)", "2 resus bays free"] },
        { "LVO, thrombectomy nearest", Needs(Stroke, lvo: true), ["H-03 8 thrombectomy"], "H-03",
            ["Thrombectomy-capable (suspected LVO)", "2 resus bays free"] },
        { "LVO, primary centre", Needs(Stroke, lvo: true), ["H-02 10 primary"], "H-02",
            ["Primary stroke centre: thrombolysis, no thrombectomy", "2 resus bays free"] },
        { "Major trauma by red criteria", Needs(Trauma, red: [TraumaRedCriterion.PelvicFracture]), ["H-02 10 t1"], "H-02",
            ["Level I trauma centre (major trauma: field triage red criteria)", "2 resus bays free"] },
        { "Major trauma by NEWS2 high, Level II", Needs(Trauma, News2Risk.High), ["H-02 10 t2"], "H-02",
            ["Level II trauma centre (major trauma: NEWS2 high)", "2 resus bays free"] },
        { "Major trauma, Level III", Needs(Trauma, News2Risk.High), ["H-02 10 t3"], "H-02",
            ["Level III trauma centre: major trauma needs Level I or II", "2 resus bays free"] },
        { "Major trauma, no trauma centre", Needs(Trauma, News2Risk.High), ["H-02 10"], "H-02",
            ["Not a trauma centre: major trauma needs Level I or II", "2 resus bays free"] },
        { "Major trauma, no theatre, no ICU", Needs(Trauma, News2Risk.High), ["H-02 10 t1 icu=0 noor"], "H-02",
            ["Level I trauma centre (major trauma: NEWS2 high)", "2 resus bays free", "No ICU bed free", "No operating theatre available now"] },
        { "Other trauma, trauma centre within allowance", Needs(Trauma), ["H-01 5", "H-02 15 t3"], "H-02",
            ["Level III trauma centre (preferred for injury): 10 min beyond the nearest suitable hospital, within the 15 min allowance", "2 resus bays free"] },
        { "Other trauma, trauma centre beyond allowance", Needs(Trauma), ["H-01 5", "H-02 25 t2"], "H-02",
            ["Level II trauma centre, but 20 min beyond the nearest suitable hospital (allowance 15 min)", "2 resus bays free"] },
        { "Other trauma, not a trauma centre", Needs(Trauma), ["H-01 5"], "H-01",
            ["Not a trauma centre", "2 resus bays free"] },
        { "Paediatric", Needs(Paediatric), ["H-01 5", "H-02 9 paed"], "H-01",
            ["No paediatric emergency care", "2 resus bays free"] },
        { "Paediatric, capable", Needs(Other, age: 4), ["H-02 9 paed"], "H-02",
            ["Paediatric emergency care", "2 resus bays free"] },
        { "Obstetric", Needs(Obstetric), ["H-02 9 obst", "H-01 5"], "H-02",
            ["Obstetric unit", "2 resus bays free"] },
        { "Obstetric, not capable", Needs(Obstetric), ["H-01 5"], "H-01",
            ["No obstetric unit", "2 resus bays free"] },
        { "Pregnant STEMI patient", Needs(Stemi, pregnant: true), ["H-02 10 pci"], "H-02",
            ["PCI available 24/7 (STEMI: FMC-to-device ≤ 90 min)", "No obstetric unit (patient pregnant)", "2 resus bays free"] },
        { "Pregnant STEMI patient, obstetric on site", Needs(Stemi, pregnant: true), ["H-02 10 pci obst"], "H-02",
            ["PCI available 24/7 (STEMI: FMC-to-device ≤ 90 min)", "Obstetric unit on site (patient pregnant)", "2 resus bays free"] },
        { "Diversion without end", Needs(Other), ["H-01 5 div"], "H-01",
            ["On diversion: full", "2 resus bays free"] },
        { "Lapsed diversion", Needs(Other), ["H-01 5 div=-10"], "H-01",
            ["Diversion ended 05:50; status not yet updated", "2 resus bays free"] },
        { "Stale capacity", Needs(Other), ["H-01 5 age=75 resus=1/4"], "H-01",
            ["Capacity 75 min old: not trusted (last reported 1 resus bay free)"] },
        { "Stale, nothing free", Needs(Other), ["H-01 5 age=61 resus=0/4"], "H-01",
            ["Capacity 61 min old: not trusted (last reported no resus bay free)"] },
        { "No resus bays at all, no ED bed free", Needs(Other), ["H-01 5 resus=0/0 ed=0/20"], "H-01",
            ["No resus bays", "No ED bed free"] },
        { "ICU only mentioned for resus patients", Needs(Other), ["H-01 5 icu=0"], "H-01",
            ["2 resus bays free"] },
        { "Out of reach", Needs(Other), ["H-01 72"], "H-01",
            ["2 resus bays free", "ETA 72 min exceeds the 60 min limit"] },
        { "No route", Needs(Other), ["H-01 none"], "H-01",
            ["2 resus bays free", "No route known"] },
        { "Tie", Needs(Other), ["H-01 10", "H-02 10.4 resus=3/4"], "H-02",
            ["3 resus bays free", "ETA within 0.5 min of H-01: ordered by free resus bays, then ED beds"] },
        { "Tie of three", Needs(Other), ["H-01 10", "H-02 10.4", "H-03 10.1"], "H-01",
            ["2 resus bays free", "ETA within 0.5 min of H-02, H-03: ordered by free resus bays, then ED beds"] },
    };

    [Theory]
    [MemberData(nameof(Reasons))]
    public void Reason(string scenario, PatientNeeds needs, string[] hospitals, string id, string[] expected)
    {
        var actual = ReasonsOf(Rank(needs, hospitals), id);
        Assert.True(expected.SequenceEqual(actual), $"{scenario}: got [{string.Join(" | ", actual)}]");
    }

    [Fact]
    public void DiversionUntil_IsQuotedInTheRegionsLocalTime()
    {
        // now 06:00 UTC = 14:00 in Shanghai; the diversion ends 30 min later.
        var options = new RankingOptions { TimeZone = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai") };
        var diverted = HospitalSpec.Parse("H-01 5").Hospital with { Status = Hospitals.EdStatus.Diversion("CT scanner down", HospitalSpec.Now.AddMinutes(30)) };
        var result = new DestinationRanker(new EtaModel(), options)
            .Rank(Needs(Other), [new HospitalEta(diverted, TimeSpan.FromMinutes(5))], HospitalSpec.Now);
        Assert.Equal("On diversion: CT scanner down until 14:30", result.Hospitals[0].Reasons[0]);
    }

    [Fact]
    public void DiversionUntil_OnAnotherDay_QuotesTheDate()
    {
        var result = Rank(Needs(Other), "H-01 5 div=+1440");
        Assert.Equal("On diversion: full until 2026-11-24 06:00", result.Hospitals[0].Reasons[0]);
    }

    [Fact]
    public void Allowances_InReasons_FollowTheOptions()
    {
        var options = new RankingOptions { LvoThrombectomyExtraMinutes = 15, EtaTieMinutes = 1, MaxEtaMinutes = 45 };
        var result = Rank(Needs(Stroke, lvo: true), options, "H-02 10 primary", "H-03 35 thrombectomy", "H-04 10.8 primary", "H-05 50 primary");
        Assert.Equal("H-02 H-04 H-03 H-05", string.Join(' ', result.Hospitals.Select(h => h.HospitalId)));
        Assert.Contains("Thrombectomy-capable, but 25 min beyond the nearest stroke centre (allowance 15 min)", ReasonsOf(result, "H-03"));
        Assert.Contains("ETA within 1 min of H-04: ordered by free resus bays, then ED beds", ReasonsOf(result, "H-02"));
        Assert.Contains("ETA 50 min exceeds the 45 min limit", ReasonsOf(result, "H-05"));
    }

    // Warnings.
    public static TheoryData<string, PatientNeeds, string[], string?> Warnings => new()
    {
        { "Capable and free in reach: no warning", Needs(Stemi), ["H-01 5", "H-02 12 pci"], null },
        { "No PCI in reach", Needs(Stemi), ["H-01 5", "H-02 70 pci"],
            "No hospital within 60 min offers PCI available 24/7; hospitals in reach that meet the most needs are listed first. "
            + "ESC 2023: when primary PCI cannot be delivered within 120 min of diagnosis, fibrinolysis is advised." },
        { "No stroke centre at all", Needs(Stroke, lvo: true), ["H-01 5"],
            "No hospital within 60 min offers a stroke centre (thrombectomy preferred); hospitals in reach that meet the most needs are listed first." },
        { "Injured child, nothing meets both", Needs(Trauma, red: [TraumaRedCriterion.LowSpo2], age: 6), ["H-01 5 t1", "H-02 8 paed"],
            "No hospital within 60 min offers a Level I/II trauma centre and paediatric care; hospitals in reach that meet the most needs are listed first." },
        { "No obstetric unit", Needs(Obstetric), ["H-01 5"],
            "No hospital within 60 min offers an obstetric unit; hospitals in reach that meet the most needs are listed first." },
        { "Nothing in reach, no requirements", Needs(Other), ["H-01 61", "H-02 none"], "No hospital within 60 min." },
        { "Capable in reach but on diversion", Needs(Stemi), ["H-01 5", "H-02 12 pci div"],
            "No capable hospital within 60 min can take the patient now: on diversion. Ring ahead to the receiving hospital." },
        { "Resus patient, no free bay", Needs(Sepsis, News2Risk.High), ["H-01 5 resus=0/4"],
            "No capable hospital within 60 min can take the patient now (needs a resus bay: NEWS2 high): no free resus bay. Ring ahead to the receiving hospital." },
        { "Major trauma, stale and diverted", Needs(Trauma, red: [TraumaRedCriterion.ProximalAmputation]), ["H-01 5 t1 age=90", "H-02 9 t2 div"],
            "No capable hospital within 60 min can take the patient now (needs a resus bay: major trauma): on diversion, capacity not current. Ring ahead to the receiving hospital." },
        { "Low risk, all open: none", Needs(Respiratory), ["H-01 5 resus=0/4 age=500"], null },
        { "No hospitals", Needs(Other), [], "No hospitals to rank." },
    };

    [Theory]
    [MemberData(nameof(Warnings))]
    public void Warning(string scenario, PatientNeeds needs, string[] hospitals, string? expected)
    {
        var actual = Rank(needs, hospitals).Warning;
        Assert.True(expected == actual, $"{scenario}: got {actual ?? "null"}");
    }
}
