using Emergency.Domain.Geo;

namespace Emergency.Grains.Hospitals;

/// <summary>
/// A destination decision: ambulance <see cref="UnitId"/> takes patient <see cref="PatientId"/> to hospital
/// <see cref="HospitalId"/>, decided by <see cref="DecidedBy"/> at <see cref="DecidedAt"/>.
/// </summary>
/// <param name="HospitalId">The chosen hospital.</param>
/// <param name="HospitalPosition">Where the hospital is (ETAs are measured to here).</param>
/// <param name="UnitId">The ambulance.</param>
/// <param name="PatientId">The patient on board.</param>
/// <param name="DecidedBy">Who decided.</param>
/// <param name="DecidedAt">When.</param>
/// <param name="Reason">Why (free text), when given.</param>
/// <param name="RecommendedRank">The chosen hospital's rank in the patient's latest recommendation; null when none
/// was computed for the patient.</param>
/// <param name="EtaMinutes">Minutes to arrival from the unit's latest position, rounded to 0.1; null while the unit's
/// position is unknown.</param>
/// <param name="EtaAt">Expected arrival time; null with <see cref="EtaMinutes"/>.</param>
[GenerateSerializer, Immutable, Alias("Emergency.Destination")]
public sealed record Destination(
    [property: Id(0)] string HospitalId,
    [property: Id(1)] GeoPoint HospitalPosition,
    [property: Id(2)] string UnitId,
    [property: Id(3)] string PatientId,
    [property: Id(4)] string DecidedBy,
    [property: Id(5)] DateTimeOffset DecidedAt,
    [property: Id(6)] string? Reason,
    [property: Id(7)] int? RecommendedRank,
    [property: Id(8)] double? EtaMinutes,
    [property: Id(9)] DateTimeOffset? EtaAt);
