namespace Emergency.Domain.Vitals;

/// <summary>
/// A decoded, validated vitals frame as a device sent it.
/// <paramref name="PatientId"/> is null when a bound device omitted it.
/// </summary>
[GenerateSerializer, Immutable, Alias("Emergency.VitalsFrame")]
public sealed record VitalsFrame(
    [property: Id(0)] string? PatientId,
    [property: Id(1)] long Seq,
    [property: Id(2)] DateTimeOffset Timestamp,
    [property: Id(3)] VitalSigns Vitals);
