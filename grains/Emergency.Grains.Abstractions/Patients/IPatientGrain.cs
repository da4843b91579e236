using System.Collections.Immutable;
using Emergency.Domain.Alerts;
using Emergency.Domain.Patients;
using Emergency.Domain.Vitals;
using Emergency.Domain.Dispatch;
using Emergency.Grains.Devices;
using Emergency.Grains.Hospitals;

namespace Emergency.Grains.Patients;

/// <summary>One patient: latest vitals with their times, a rolling window, NEWS2, the reporting device.</summary>
[Alias("Emergency.IPatientGrain")]
public interface IPatientGrain : IGrainWithStringKey
{
    /// <summary>
    /// Applies frames already de-duplicated by the reporting device, in the order received.
    /// A frame older than a parameter's latest value goes into the window but does not overwrite that value.
    /// </summary>
    [Alias("ApplyVitals")]
    Task ApplyVitals(string region, DeviceRef source, ImmutableArray<VitalsFrame> frames);

    /// <summary>The patient's state as of now (staleness and due alert timers applied), or null if nothing was ever received.</summary>
    /// <summary>
    /// Re-applies frames from the ingest journal after a restart: frames this patient's state already holds (by
    /// source and seq) are skipped; alerts are judged at each frame's original arrival time.
    /// </summary>
    [Alias("ReplayVitals")]
    Task ReplayVitals(string region, DeviceRef source, ImmutableArray<VitalsFrame> frames, ImmutableArray<DateTimeOffset> receivedAt);

    [Alias("GetState")]
    Task<PatientSnapshot?> GetState();

    /// <summary>
    /// Records what the crew knows of the patient (age, pregnancy, hypercapnic respiratory failure, condition…) and
    /// re-scores at once. The context must be valid (<see cref="PatientContext.Validate"/>).
    /// </summary>
    [Alias("SetContext")]
    Task<PatientSnapshot> SetContext(PatientContext context);

    /// <summary>
    /// Acknowledges an alert for <paramref name="by"/>; the answer says whether it was known, open, or already
    /// acknowledged (idempotent: the first acknowledgement stands), and carries the alert as it is now.
    /// </summary>
    [Alias("AcknowledgeAlert")]
    Task<AlertAcknowledgement> AcknowledgeAlert(string alertId, string by);

    /// <summary>
    /// The live ECG analysis's latest condition (a possible STEMI, or none), raised or cleared through the alert
    /// state machine with the vital-sign alerts.
    /// </summary>
    [Alias("ReportEcg")]
    Task ReportEcg(EcgAlertReport report);

    /// <summary>Open alerts and the alert history (bounded, newest last), as of now.</summary>
    [Alias("GetAlerts")]
    Task<PatientAlerts> GetAlerts();

    /// <summary>Keeps the latest destination recommendation, so that a decision can record the chosen hospital's rank.</summary>
    [Alias("RecordRecommendation")]
    Task RecordRecommendation(DestinationRecommendation recommendation);

    /// <summary>
    /// Records where the patient is being taken (filling <see cref="Destination.RecommendedRank"/> from the latest
    /// recommendation) and pushes the state to the destination hospital's watchers at once. Null if nothing was
    /// ever received for the patient.
    /// </summary>
    [Alias("SetDestination")]
    Task<PatientSnapshot?> SetDestination(Destination destination);

    /// <summary>
    /// Records that the receiving ED has seen the patient: <paramref name="by"/> at service time, for
    /// <paramref name="hospitalId"/> (null: the destination), which must be the patient's destination
    /// (<see cref="EdSeenRules.Decide"/>). The first confirmation for a destination stands. A change is pushed at
    /// once, not coalesced, to the patient's region and watchers and to the destination hospital's watchers.
    /// </summary>
    [Alias("MarkSeen")]
    Task<EdSeenAnswer> MarkSeen(string by, string? hospitalId);
}

/// <summary>The outcome of an acknowledgement and the alert afterwards (null when the alert is unknown).</summary>
[GenerateSerializer, Immutable, Alias("Emergency.AlertAcknowledgement")]
public sealed record AlertAcknowledgement(
    [property: Id(0)] AlertCommandStatus Status,
    [property: Id(1)] string? Error,
    [property: Id(2)] Alert? Alert);

[GenerateSerializer, Immutable, Alias("Emergency.PatientAlerts")]
public sealed record PatientAlerts(
    [property: Id(0)] ImmutableArray<Alert> Open,
    [property: Id(1)] ImmutableArray<Alert> History);
