using Emergency.Domain.Alerts;

namespace Emergency.Grains.Patients;

/// <summary>
/// The live ECG analysis's latest word on a patient, for the alerting state machine: the condition it calls for
/// (a possible STEMI), or none. It holds until the next report, and for at most a short time if reports stop.
/// </summary>
[GenerateSerializer, Immutable, Alias("Emergency.EcgAlertReport")]
public sealed record EcgAlertReport(
    [property: Id(0)] DateTimeOffset At,
    [property: Id(1)] AlertCondition? Condition);
