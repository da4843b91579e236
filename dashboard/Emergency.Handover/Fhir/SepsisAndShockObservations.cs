using Emergency.Domain.Scoring;
using Hl7.Fhir.Model;

namespace Emergency.Handover.Fhir;

/// <summary>qSOFA (Sepsis-3) with its three criteria, and the shock index (HR / SBP) with its band.</summary>
public static class SepsisAndShockObservations
{
    public const string QsofaKey = "Observation/qsofa", ShockIndexKey = "Observation/shock-index";

    public static ResourceReference? AddQsofa(RecordEntries entries, QsofaResult? qsofa, DateTimeOffset? at, IReadOnlySet<string> vitals)
    {
        if (qsofa is not { } q)
        {
            return null;
        }
        var observation = News2Observations.Score(entries, new FhirDateTime(at ?? DateTimeOffset.UtcNow), "qsofa", "qSOFA score", q.Points);
        observation.Component.Add(Criterion("qsofa-rr", "Respiratory rate >= 22/min", q.RespiratoryRate));
        observation.Component.Add(Criterion("qsofa-mentation", "Altered mentation", q.AlteredMentation));
        observation.Component.Add(Criterion("qsofa-sbp", "Systolic blood pressure <= 100 mmHg", q.SystolicBp));
        observation.Component.Add(new Observation.ComponentComponent
        {
            Code = new CodeableConcept(HandoverCodes.Local, "qsofa-positive", "qSOFA positive (2 or more criteria)"),
            Value = new FhirBoolean(q.Positive),
        });
        if (!q.Complete)
        {
            observation.Note.Add(new Annotation { Text = "Incomplete: a criterion is unknown." });
        }
        foreach (var key in new[] { VitalSignObservations.Rr, VitalSignObservations.Acvpu, VitalSignObservations.Bp }.Where(vitals.Contains))
        {
            observation.DerivedFrom.Add(entries.Reference(key));
        }
        return entries.Add(QsofaKey, observation);
    }

    public static ResourceReference? AddShockIndex(RecordEntries entries, ShockIndexResult? shockIndex, DateTimeOffset? at, IReadOnlySet<string> vitals)
    {
        if (shockIndex is not { } si)
        {
            return null;
        }
        var observation = new Observation
        {
            Status = ObservationStatus.Final,
            Category = [new CodeableConcept(HandoverCodes.ObservationCategory, "survey", "Survey")],
            Code = new CodeableConcept(HandoverCodes.Local, "shock-index", "Shock index (heart rate / systolic blood pressure)"),
            Subject = entries.Patient,
            Encounter = entries.Encounter,
            Effective = new FhirDateTime(at ?? DateTimeOffset.UtcNow),
            Value = new Quantity { Value = Math.Round((decimal)si.Value, 2), Unit = "ratio", System = HandoverCodes.Ucum, Code = "1" },
        };
        observation.Component.Add(new Observation.ComponentComponent
        {
            Code = new CodeableConcept(HandoverCodes.Local, "shock-index-band", "Shock index band"),
            Value = new CodeableConcept(HandoverCodes.Local, "shock-index-" + si.Band.ToCode(), si.Band.ToCode()),
        });
        foreach (var key in new[] { VitalSignObservations.Hr, VitalSignObservations.Bp }.Where(vitals.Contains))
        {
            observation.DerivedFrom.Add(entries.Reference(key));
        }
        return entries.Add(ShockIndexKey, observation);
    }

    private static Observation.ComponentComponent Criterion(string code, string display, CriterionState state) => state switch
    {
        CriterionState.Unknown => new()
        {
            Code = new CodeableConcept(HandoverCodes.Local, code, display),
            DataAbsentReason = new CodeableConcept("http://terminology.hl7.org/CodeSystem/data-absent-reason", "unknown", "Unknown"),
        },
        _ => new() { Code = new CodeableConcept(HandoverCodes.Local, code, display), Value = new FhirBoolean(state == CriterionState.Met) },
    };
}
