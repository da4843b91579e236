namespace Emergency.Domain.Patients;

/// <summary>
/// The receiving emergency department has seen the inbound patient: <see cref="By"/> confirmed it at
/// <see cref="At"/> (service time) for hospital <see cref="HospitalId"/>, the patient's destination then.
/// </summary>
/// <param name="By">Who confirmed (trimmed, 1–<see cref="EdSeenRules.MaxByLength"/> characters).</param>
/// <param name="At">When the service recorded it.</param>
/// <param name="HospitalId">The hospital whose ED confirmed; it stays valid only while this is the destination.</param>
[GenerateSerializer, Immutable, Alias("Emergency.EdSeen")]
public sealed record EdSeen(
    [property: Id(0)] string By,
    [property: Id(1)] DateTimeOffset At,
    [property: Id(2)] string HospitalId);
