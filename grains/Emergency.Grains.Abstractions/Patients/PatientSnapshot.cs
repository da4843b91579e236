using System.Collections.Immutable;
using Emergency.Domain.Alerts;
using Emergency.Domain.Patients;
using Emergency.Domain.Risk;
using Emergency.Domain.Scoring;
using Emergency.Domain.Vitals;
using Emergency.Grains.Devices;
using Emergency.Grains.Hospitals;

namespace Emergency.Grains.Patients;

/// <summary>
/// A patient's state at one moment. <see cref="Vitals"/> holds the latest value of each parameter (even if stale);
/// <see cref="News2"/>, <see cref="Qsofa"/> and <see cref="ShockIndex"/> score only the fresh, confirmed ones
/// (a reading in a new band waits for its confirmation delay; <see cref="Flags"/> says which shown values are not
/// scored yet). <see cref="Version"/> rises with every change, also across restarts of
/// the service, so a client can drop updates that arrive twice or out of order. <see cref="EdSeen"/> is the
/// destination ED's confirmation that it has seen the patient, null until then and once the destination changes.
/// <see cref="Risk"/> is the learned deterioration-risk estimate with the model that gave it (null when risk is off or
/// not scored yet).
/// </summary>
[GenerateSerializer, Immutable, Alias("Emergency.PatientSnapshot")]
public sealed record PatientSnapshot(
    [property: Id(0)] string PatientId,
    [property: Id(1)] string Region,
    [property: Id(2)] DeviceRef Source,
    [property: Id(3)] DateTimeOffset UpdatedAt,
    [property: Id(4)] VitalSigns Vitals,
    [property: Id(5)] DateTimeOffset? VitalsAt,
    [property: Id(6)] News2Result News2,
    [property: Id(7)] long Version,
    [property: Id(8)] int WindowSamples,
    [property: Id(9)] QsofaResult? Qsofa = null,
    [property: Id(10)] ShockIndexResult? ShockIndex = null,
    [property: Id(11)] News2ApplicabilityResult? Applicability = null,
    [property: Id(12)] ReadingFlags Flags = default,
    [property: Id(13)] PatientContext? Context = null,
    [property: Id(14)] Alert? Alert = null,
    [property: Id(15)] ImmutableArray<Alert> OpenAlerts = default,
    [property: Id(16)] Destination? Destination = null,
    [property: Id(17)] EdSeen? EdSeen = null,
    [property: Id(18)] RiskAssessment? Risk = null);
