namespace Emergency.Domain.Ambulances;

/// <summary>A decoded crew-tablet status change; <paramref name="PatientId"/> is the patient on board, if any.</summary>
[GenerateSerializer, Immutable, Alias("Emergency.StatusFrame")]
public sealed record StatusFrame(
    [property: Id(0)] long Seq,
    [property: Id(1)] DateTimeOffset Timestamp,
    [property: Id(2)] AmbulanceStatus Status,
    [property: Id(3)] string? PatientId);
