namespace Emergency.Domain.Patients;

/// <summary>
/// A decoded crew-tablet context frame: the patient context recorded at <paramref name="Timestamp"/>, for
/// <paramref name="PatientId"/> or, when that is null, for the patient on board of the unit that sent it.
/// </summary>
[GenerateSerializer, Immutable, Alias("Emergency.ContextFrame")]
public sealed record ContextFrame(
    [property: Id(0)] long Seq,
    [property: Id(1)] DateTimeOffset Timestamp,
    [property: Id(2)] string? PatientId,
    [property: Id(3)] PatientContext Context);
