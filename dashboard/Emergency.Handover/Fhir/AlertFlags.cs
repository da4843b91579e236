using Emergency.Domain.Alerts;
using Hl7.Fhir.Model;

namespace Emergency.Handover.Fhir;

/// <summary>Open and past alerts as Flags: active while open, inactive once cleared, with who acknowledged them.</summary>
public static class AlertFlags
{
    public static IReadOnlyList<ResourceReference> Add(RecordEntries entries, IEnumerable<Alert> alerts) =>
        [.. alerts.Select(alert => entries.Add($"Flag/{alert.AlertId}", Flag(entries, alert)))];

    private static Flag Flag(RecordEntries entries, Alert alert)
    {
        var flag = new Flag
        {
            Identifier = [new Identifier("urn:emergency:alert-id", alert.AlertId)],
            Status = alert.IsOpen ? Hl7.Fhir.Model.Flag.FlagStatus.Active : Hl7.Fhir.Model.Flag.FlagStatus.Inactive,
            Category = [new CodeableConcept(HandoverCodes.FlagCategory, "clinical", "Clinical")],
            Code = new CodeableConcept(HandoverCodes.Local, "alert-" + alert.Kind.ToCode(), $"{alert.Kind.ToCode()} alert")
            {
                Text = $"{alert.Priority.ToCode()} priority: {alert.Reason}",
            },
            Subject = entries.Patient,
            Encounter = entries.Encounter,
            Period = new Period { StartElement = new FhirDateTime(alert.RaisedAt), EndElement = alert.ClearedAt is { } c ? new FhirDateTime(c) : null },
        };
        var state = alert.State.ToCode();
        flag.Text = Narrative.Of([
            $"{alert.Kind.ToCode()} ({alert.Priority.ToCode()} priority, {state}): {alert.Reason}",
            alert.AcknowledgedBy is { } by ? $"Acknowledged by {by} at {alert.AcknowledgedAt:O}" : "Not acknowledged",
        ]);
        return flag;
    }
}
