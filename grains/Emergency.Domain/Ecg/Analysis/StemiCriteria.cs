using Emergency.Domain.Ecg.Wire;

namespace Emergency.Domain.Ecg.Analysis;

/// <summary>
/// ST-elevation cut-points of the Fourth Universal Definition of Myocardial Infarction (Thygesen et al., Circulation
/// 2018;138:e618–e651, Table 3 "ECG manifestations suggestive of acute myocardial ischaemia"): new ST elevation at the
/// J point in two contiguous leads of ≥ 1 mm (0.1 mV) in all leads other than V2–V3; in V2–V3 ≥ 2 mm in men ≥ 40
/// years, ≥ 2.5 mm in men &lt; 40 years, ≥ 1.5 mm in women regardless of age. Measured here at J+60 ms (monitors'
/// usual ST point). With sex or age unknown the lowest V2–V3 cut-point (1.5 mm) applies: this flag asks a clinician
/// to look, it is never a diagnosis, so it errs towards asking.
/// </summary>
public static class StemiCriteria
{
    /// <summary>Contiguous lead groups: inferior, lateral (limb and V5–V6), and each pair of neighbouring chest leads.</summary>
    public static IReadOnlyList<(string Territory, EcgLead[] Leads)> Groups { get; } =
    [
        ("inferior", [EcgLead.II, EcgLead.III, EcgLead.aVF]),
        ("lateral", [EcgLead.I, EcgLead.aVL]),
        ("lateral", [EcgLead.V5, EcgLead.V6]),
        ("lateral", [EcgLead.I, EcgLead.V6]),
        ("anterior", [EcgLead.V1, EcgLead.V2]),
        ("anterior", [EcgLead.V2, EcgLead.V3]),
        ("anterior", [EcgLead.V3, EcgLead.V4]),
        ("anterior", [EcgLead.V4, EcgLead.V5]),
    ];

    /// <summary>The ST elevation (mV) at which a lead counts, for the patient's sex (<c>male</c>/<c>female</c>) and age.</summary>
    public static double CutPointMv(EcgLead lead, string? sex, int? ageYears)
    {
        if (lead is not (EcgLead.V2 or EcgLead.V3)) return 0.10;
        return sex switch
        {
            "male" when ageYears is >= 40 => 0.20,
            "male" when ageYears is < 40 => 0.25,
            _ => 0.15, // women, and sex or age not known
        };
    }

    /// <summary>The territories and leads that meet the criteria; empty when none do.</summary>
    public static StemiAssessment Assess(IReadOnlyDictionary<EcgLead, double> stMv, string? sex, int? ageYears, IReadOnlySet<EcgLead> leadsOff)
    {
        var meeting = new SortedSet<EcgLead>();
        var territories = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var (territory, leads) in Groups)
        {
            var elevated = leads.Where(l => !leadsOff.Contains(l) && stMv.TryGetValue(l, out var st) && st >= CutPointMv(l, sex, ageYears)).ToList();
            if (elevated.Count >= 2)
            {
                territories.Add(territory);
                meeting.UnionWith(elevated);
            }
        }
        return new StemiAssessment(meeting.Count > 0, [.. territories], [.. meeting]);
    }
}

/// <summary>Whether ST elevation meets the contiguous-lead criteria, where, and in which leads.</summary>
public sealed record StemiAssessment(bool PossibleStemi, IReadOnlyList<string> Territories, IReadOnlyList<EcgLead> Leads);
