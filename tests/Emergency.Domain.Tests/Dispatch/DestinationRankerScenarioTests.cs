using Emergency.Domain.Dispatch;
using Emergency.Domain.Geo;
using Emergency.Domain.Scoring;
using static Emergency.Domain.Dispatch.DispatchCondition;
using static Emergency.Domain.Dispatch.TraumaRedCriterion;

namespace Emergency.Domain.Tests.Dispatch;

/// <summary>
/// Ranking scenarios as tables: patient, hospitals (see <see cref="HospitalSpec"/>), expected order.
/// ETAs are given directly, so only the ranking rules decide.
/// </summary>
public class DestinationRankerScenarioTests
{
    private static readonly GeoPoint Scene = new(31.2, 121.45);

    private static PatientNeeds Needs(
        DispatchCondition condition, News2Risk? risk = null, bool lvo = false,
        TraumaRedCriterion[]? red = null, int? age = null, bool pregnant = false) =>
        new(Scene, condition, risk, lvo, red, age, pregnant, "P-TEST");

    public static TheoryData<string, PatientNeeds, string[], string> Order => new()
    {
        // STEMI → PCI 24/7 required.
        { "STEMI: PCI centres before a nearer non-PCI hospital", Needs(Stemi), ["H-01 5", "H-02 12 pci", "H-03 20 pci"], "H-02 H-03 H-01" },
        { "STEMI: nearest PCI centre first", Needs(Stemi), ["H-03 20 pci", "H-02 12 pci"], "H-02 H-03" },
        { "STEMI: PCI on diversion still above non-PCI (capability outranks availability)", Needs(Stemi), ["H-01 5", "H-02 10 pci div"], "H-02 H-01" },
        { "STEMI: open PCI centre above a nearer PCI centre on diversion", Needs(Stemi), ["H-01 8 pci div", "H-02 15 pci"], "H-02 H-01" },
        { "STEMI: PCI out of reach drops below a hospital in reach", Needs(Stemi), ["H-01 5", "H-02 70 pci"], "H-01 H-02" },

        // Stroke without LVO → any stroke centre, nearest first.
        { "Stroke: nearest stroke centre, thrombectomy not preferred", Needs(Stroke), ["H-01 5", "H-02 10 primary", "H-03 12 thrombectomy"], "H-02 H-03 H-01" },
        { "Stroke: non-stroke hospitals last", Needs(Stroke), ["H-01 3", "H-04 40 primary"], "H-04 H-01" },

        // Suspected LVO → thrombectomy within 30 min extra over the nearest stroke centre.
        { "LVO: thrombectomy 25 min beyond nearest stroke centre goes first", Needs(Stroke, lvo: true), ["H-02 10 primary", "H-03 35 thrombectomy"], "H-03 H-02" },
        { "LVO: thrombectomy exactly at the 30 min allowance goes first", Needs(Stroke, lvo: true), ["H-02 10 primary", "H-03 40 thrombectomy"], "H-03 H-02" },
        { "LVO: thrombectomy 31 min beyond goes after the nearest stroke centre", Needs(Stroke, lvo: true), ["H-02 10 primary", "H-03 41 thrombectomy"], "H-02 H-03" },
        { "LVO: two thrombectomy centres in allowance, by ETA", Needs(Stroke, lvo: true), ["H-02 10 primary", "H-04 30 thrombectomy", "H-03 20 thrombectomy"], "H-03 H-04 H-02" },
        { "LVO: nearest centre is itself thrombectomy-capable", Needs(Stroke, lvo: true), ["H-02 12 primary", "H-03 8 thrombectomy"], "H-03 H-02" },
        { "LVO: reference is the nearest stroke centre that can take the patient", Needs(Stroke, lvo: true), ["H-02 5 primary div", "H-04 20 primary", "H-03 45 thrombectomy"], "H-03 H-04 H-02" },
        { "LVO flag with condition other still needs a stroke centre", Needs(Other, lvo: true), ["H-01 5", "H-02 10 primary", "H-03 30 thrombectomy"], "H-03 H-02 H-01" },

        // Major trauma → Level I/II.
        { "Trauma red criterion: Level I/II before nearer Level III", Needs(Trauma, red: [PelvicFracture]), ["H-01 5 t3", "H-02 15 t2", "H-03 18 t1"], "H-02 H-03 H-01" },
        { "Trauma + NEWS2 high is major trauma", Needs(Trauma, News2Risk.High), ["H-01 5 t3", "H-02 15 t1"], "H-02 H-01" },
        { "Red criterion counts whatever the condition", Needs(Other, red: [HypotensionForAge]), ["H-01 5", "H-02 25 t1"], "H-02 H-01" },
        { "Major trauma needs a free resus bay", Needs(Trauma, red: [ActiveBleeding]), ["H-02 10 t1 resus=0/4", "H-03 14 t2"], "H-03 H-02" },
        { "Major trauma: Level I and II are equal, ETA decides", Needs(Trauma, red: [PenetratingInjury]), ["H-01 12 t1", "H-02 9 t2"], "H-02 H-01" },

        // Other trauma → trauma centre preferred within 15 min.
        { "Trauma, NEWS2 medium: trauma centre 10 min further goes first", Needs(Trauma, News2Risk.Medium), ["H-01 5", "H-02 15 t3"], "H-02 H-01" },
        { "Trauma: trauma centre 16 min further goes after", Needs(Trauma), ["H-01 5", "H-02 21 t3"], "H-01 H-02" },
        { "Trauma: nearest trauma centre of any level", Needs(Trauma), ["H-02 12 t1", "H-01 8 t3"], "H-01 H-02" },

        // Paediatric.
        { "Condition paediatric needs paediatric care", Needs(Paediatric), ["H-01 5", "H-02 12 paed"], "H-02 H-01" },
        { "Age 15 is paediatric", Needs(Respiratory, age: 15), ["H-01 5", "H-02 12 paed"], "H-02 H-01" },
        { "Age 16 is adult", Needs(Respiratory, age: 16), ["H-01 5", "H-02 12 paed"], "H-01 H-02" },
        { "Infant (age 0) is paediatric", Needs(Other, age: 0), ["H-01 5", "H-02 12 paed"], "H-02 H-01" },
        { "Unknown age is not paediatric", Needs(Other), ["H-01 5", "H-02 12 paed"], "H-01 H-02" },
        { "Injured child: both needs met first, then one, then none", Needs(Trauma, red: [SkullDeformity], age: 7), ["H-01 5", "H-02 10 t1", "H-03 20 t1 paed"], "H-03 H-02 H-01" },

        // Obstetric.
        { "Condition obstetric needs an obstetric unit", Needs(Obstetric), ["H-01 5", "H-02 9 obst"], "H-02 H-01" },
        { "Pregnant with an undifferentiated complaint needs an obstetric unit", Needs(Other, pregnant: true), ["H-01 5", "H-02 9 obst"], "H-02 H-01" },
        { "Pregnant with STEMI follows the STEMI pathway", Needs(Stemi, pregnant: true), ["H-01 5 obst", "H-02 10 pci"], "H-02 H-01" },
        { "Pregnant with sepsis: obstetric unit not required", Needs(Sepsis, pregnant: true), ["H-01 5", "H-02 9 obst"], "H-01 H-02" },

        // Resus bay: NEWS2 high (any condition) and major trauma.
        { "NEWS2 high sepsis: no free resus bay drops", Needs(Sepsis, News2Risk.High), ["H-01 5 resus=0/4", "H-02 8"], "H-02 H-01" },
        { "NEWS2 medium sepsis: resus bays do not matter", Needs(Sepsis, News2Risk.Medium), ["H-01 5 resus=0/4", "H-02 8"], "H-01 H-02" },
        { "Unscored patient: resus bays do not matter", Needs(Respiratory), ["H-01 5 resus=0/4", "H-02 8"], "H-01 H-02" },
        { "STEMI without NEWS2 high does not need a resus bay", Needs(Stemi, News2Risk.Medium), ["H-01 5 pci resus=0/4", "H-02 8 pci"], "H-01 H-02" },
        { "STEMI with NEWS2 high does", Needs(Stemi, News2Risk.High), ["H-01 5 pci resus=0/4", "H-02 8 pci"], "H-02 H-01" },
        { "Hospital without resus bays cannot take a resus patient", Needs(Respiratory, News2Risk.High), ["H-01 5 resus=0/0", "H-02 8"], "H-02 H-01" },
        { "None can take now: still ordered by ETA", Needs(Sepsis, News2Risk.High), ["H-02 8 resus=0/4", "H-01 5 resus=0/4"], "H-01 H-02" },

        // Diversion.
        { "Diversion drops a low-risk patient's nearest hospital", Needs(Other), ["H-01 5 div", "H-02 8"], "H-02 H-01" },
        { "Diversion ending later still counts", Needs(Other), ["H-01 5 div=+30", "H-02 8"], "H-02 H-01" },
        { "Lapsed diversion no longer counts", Needs(Other), ["H-01 5 div=-10", "H-02 8"], "H-01 H-02" },
        { "Everyone on diversion: by ETA", Needs(Other), ["H-02 8 div", "H-01 5 div"], "H-01 H-02" },

        // Stale capacity (default 60 min).
        { "Stale capacity cannot confirm a resus bay", Needs(Sepsis, News2Risk.High), ["H-01 5 age=75", "H-02 8"], "H-02 H-01" },
        { "Capacity exactly 60 min old is still trusted", Needs(Sepsis, News2Risk.High), ["H-01 5 age=60", "H-02 8"], "H-01 H-02" },
        { "Stale capacity does not matter without a resus need", Needs(Other), ["H-01 5 age=300", "H-02 8"], "H-01 H-02" },
        { "Stale capacity loses a tie", Needs(Other), ["H-01 10 age=90 resus=4/4", "H-02 10.2 resus=1/4"], "H-02 H-01" },
        { "Stale diversion is still honoured", Needs(Other), ["H-01 5 age=300 div", "H-02 8"], "H-02 H-01" },

        // Ties (within 0.5 min): free resus bays, then ED beds, then id.
        { "Tie within 0.5 min: more free resus bays first", Needs(Other), ["H-01 10", "H-02 10.4 resus=3/4"], "H-02 H-01" },
        { "Tie at exactly 0.5 min", Needs(Other), ["H-01 10", "H-02 10.5 resus=3/4"], "H-02 H-01" },
        { "0.6 min apart is not a tie", Needs(Other), ["H-01 10", "H-02 10.6 resus=3/4"], "H-01 H-02" },
        { "Tie on resus bays: more free ED beds first", Needs(Other), ["H-01 10 ed=2/40", "H-02 10.3 ed=9/40"], "H-02 H-01" },
        { "Tie on everything: hospital id", Needs(Other), ["H-02 10", "H-01 10"], "H-01 H-02" },
        { "Tie runs anchor at the fastest: C is 0.8 from A", Needs(Other), ["A 10 resus=1/4", "B 10.4 resus=2/4", "C 10.8 resus=3/4"], "B A C" },
        { "Ties never cross classes", Needs(Stemi), ["H-01 10 resus=4/4", "H-02 10.2 pci resus=1/4"], "H-02 H-01" },

        // Reach (default 60 min).
        { "ETA exactly 60 min is in reach", Needs(Stemi), ["H-01 5", "H-02 60 pci"], "H-02 H-01" },
        { "No route goes last", Needs(Other), ["H-01 none", "H-02 50", "H-03 90"], "H-02 H-03 H-01" },
    };

    [Theory]
    [MemberData(nameof(Order))]
    public void Ranks(string scenario, PatientNeeds needs, string[] hospitals, string expectedOrder)
    {
        var ranker = new DestinationRanker(new EtaModel());
        var result = ranker.Rank(needs, HospitalSpec.ParseAll(hospitals), HospitalSpec.Now);
        Assert.True(expectedOrder == string.Join(' ', result.Hospitals.Select(h => h.HospitalId)),
            $"{scenario}: expected {expectedOrder}, got {string.Join(' ', result.Hospitals.Select(h => $"{h.HospitalId} [{string.Join("; ", h.Reasons)}]"))}");
        Assert.Equal(Enumerable.Range(1, hospitals.Length), result.Hospitals.Select(h => h.Rank));
    }

    // capable / canTakeNow per hospital, in rank order.
    public static TheoryData<string, PatientNeeds, string[], string> Flags => new()
    {
        { "STEMI", Needs(Stemi), ["H-01 5", "H-02 12 pci", "H-03 10 pci div"], "H-02 capable now | H-03 capable - | H-01 - now" },
        { "No requirements: everyone capable", Needs(Sepsis), ["H-01 5", "H-02 8 div"], "H-01 capable now | H-02 capable -" },
        { "Resus patient, stale and full", Needs(Trauma, News2Risk.High), ["H-01 5 t1 age=61", "H-02 8 t1 resus=0/4", "H-03 9 t2"], "H-03 capable now | H-01 capable - | H-02 capable -" },
        { "Out of reach still capable", Needs(Stemi), ["H-01 70 pci"], "H-01 capable now" },
        { "Pregnancy noted does not affect capability", Needs(Stemi, pregnant: true), ["H-01 5 pci"], "H-01 capable now" },
    };

    [Theory]
    [MemberData(nameof(Flags))]
    public void CapableAndCanTakeNow(string scenario, PatientNeeds needs, string[] hospitals, string expected)
    {
        var result = new DestinationRanker(new EtaModel()).Rank(needs, HospitalSpec.ParseAll(hospitals), HospitalSpec.Now);
        string actual = string.Join(" | ", result.Hospitals.Select(h => $"{h.HospitalId} {(h.Capable ? "capable" : "-")} {(h.CanTakeNow ? "now" : "-")}"));
        Assert.True(expected == actual, $"{scenario}: expected {expected}, got {actual}");
    }
}
