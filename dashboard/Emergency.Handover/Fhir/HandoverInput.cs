using System.Collections.Immutable;
using Emergency.Domain.Alerts;
using Emergency.Grains.Devices;
using Emergency.Grains.Patients;
using Emergency.Handover.Identity;

namespace Emergency.Handover.Fhir;

/// <summary>Everything the handover record is built from, gathered at one moment.</summary>
/// <param name="Patient">The patient's state: vitals, scores, context, destination.</param>
/// <param name="Alerts">Open alerts and past ones.</param>
/// <param name="UnitId">The ambulance carrying the patient, when known.</param>
/// <param name="Times">The ambulance's EMS times of the current call, when known.</param>
/// <param name="HospitalName">The destination hospital's name, when there is one.</param>
/// <param name="Identity">The hospital's identity linked to the temporary one, when reconciled.</param>
/// <param name="TransferOfCareAt">When the crew handed the patient over; the record is final from then on.</param>
/// <param name="Version">The record's version for this patient (1, 2, …); 0 for a record built on request only.</param>
/// <param name="IssuedAt">When this version was made.</param>
public sealed record HandoverInput(
    PatientSnapshot Patient,
    PatientAlerts Alerts,
    string? UnitId,
    TripTimes? Times,
    string? HospitalName,
    IdentityLink? Identity,
    DateTimeOffset? TransferOfCareAt,
    int Version,
    DateTimeOffset IssuedAt)
{
    public ImmutableArray<Alert> OpenAlerts => Alerts.Open.IsDefault ? [] : Alerts.Open;

    /// <summary>Cleared alerts, without those still open (the history holds every alert).</summary>
    public ImmutableArray<Alert> PastAlerts =>
        [.. (Alerts.History.IsDefault ? [] : Alerts.History)
            .GroupBy(a => a.AlertId).Select(g => g.Last())
            .Where(a => !a.IsOpen && OpenAlerts.All(o => o.AlertId != a.AlertId))];
}
