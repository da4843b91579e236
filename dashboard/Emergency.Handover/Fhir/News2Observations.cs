using Emergency.Domain.Scoring;
using Hl7.Fhir.Model;

namespace Emergency.Handover.Fhir;

/// <summary>
/// NEWS2 (RCP 2017) as Observations: the total with its risk band, and one sub-score per parameter, each deriving
/// from the vital-sign Observation it scores. A parameter without a fresh confirmed value has no sub-score; the total
/// then says it is incomplete.
/// </summary>
public static class News2Observations
{
    public const string TotalKey = "Observation/news2";

    private static readonly (string Name, string Display, string VitalKey, Func<News2Result, int?> Score)[] Parameters =
    [
        ("rr", "NEWS2 respiration rate score", VitalSignObservations.Rr, n => n.Rr),
        ("spo2", "NEWS2 SpO2 score", VitalSignObservations.Spo2, n => n.Spo2),
        ("o2", "NEWS2 air or oxygen score", VitalSignObservations.O2, n => n.O2),
        ("sbp", "NEWS2 systolic blood pressure score", VitalSignObservations.Bp, n => n.Sbp),
        ("hr", "NEWS2 pulse score", VitalSignObservations.Hr, n => n.Hr),
        ("acvpu", "NEWS2 consciousness score", VitalSignObservations.Acvpu, n => n.Acvpu),
        ("temp", "NEWS2 temperature score", VitalSignObservations.Temp, n => n.Temp),
    ];

    /// <summary>Adds the sub-scores and the total; answers the total's reference.</summary>
    public static ResourceReference Add(RecordEntries entries, News2Result news2, DateTimeOffset? at, IReadOnlySet<string> vitals)
    {
        var effective = new FhirDateTime(at ?? DateTimeOffset.UtcNow);
        var members = new List<ResourceReference>();
        foreach (var (name, display, vitalKey, score) in Parameters)
        {
            if (score(news2) is not { } points)
            {
                continue;
            }
            var sub = Score(entries, effective, $"news2-{name}", display, points);
            if (vitals.Contains(vitalKey))
            {
                sub.DerivedFrom.Add(entries.Reference(vitalKey));
            }
            members.Add(entries.Add($"Observation/news2-{name}", sub));
        }
        var total = Score(entries, effective, "news2-total", "NEWS2 total score", news2.Total);
        total.HasMember.AddRange(members);
        total.DerivedFrom.AddRange(vitals.Order().Select(k => entries.Reference(k)));
        total.Component.Add(new Observation.ComponentComponent
        {
            Code = new CodeableConcept(HandoverCodes.Local, "news2-risk", "NEWS2 clinical risk"),
            Value = new CodeableConcept(HandoverCodes.Local, "news2-risk-" + news2.Risk.ToCode(), RiskDisplay(news2.Risk)),
        });
        if (!news2.Complete)
        {
            total.Note.Add(new Annotation { Text = "Incomplete: a parameter was missing or stale; the total counts only what is known." });
        }
        return entries.Add(TotalKey, total);
    }

    internal static Observation Score(RecordEntries entries, FhirDateTime at, string code, string display, int points) => new()
    {
        Status = ObservationStatus.Final,
        Category = [new CodeableConcept(HandoverCodes.ObservationCategory, "survey", "Survey")],
        Code = new CodeableConcept(HandoverCodes.Local, code, display),
        Subject = entries.Patient,
        Encounter = entries.Encounter,
        Effective = at,
        Value = new Integer(points),
    };

    private static string RiskDisplay(News2Risk risk) => risk switch
    {
        News2Risk.Low => "Low",
        News2Risk.LowMedium => "Low-medium (a single parameter scores 3)",
        News2Risk.Medium => "Medium",
        News2Risk.High => "High",
        _ => risk.ToString(),
    };
}
