using Emergency.Domain.Patients;

namespace Emergency.Grains.Patients;

/// <summary>The outcome of <see cref="IPatientGrain.MarkSeen"/>: the status, why not, and the patient's state
/// afterwards (null when the patient is unknown).</summary>
[GenerateSerializer, Immutable, Alias("Emergency.EdSeenAnswer")]
public sealed record EdSeenAnswer(
    [property: Id(0)] EdSeenStatus Status,
    [property: Id(1)] string? Error,
    [property: Id(2)] PatientSnapshot? State);
