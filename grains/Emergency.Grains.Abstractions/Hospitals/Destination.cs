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
/// <param name="ResusHoldBasis">Why a resuscitation bay is soft-held for this patient ("NEWS2 high", "major
/// trauma"); null when the patient needs none.</param>
/// <param name="ResusHoldUntil">When the hold times out if the unit has not arrived (moves with each ETA); null when
/// no hold is in force: none needed, or ended by arrival or cancellation.</param>
/// <param name="ArrivedAt">When the unit arrived (GPS geofence or the crew's <c>at-hospital</c>); null while on the way.</param>
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
    [property: Id(9)] DateTimeOffset? EtaAt,
    [property: Id(10)] string? ResusHoldBasis = null,
    [property: Id(11)] DateTimeOffset? ResusHoldUntil = null,
    [property: Id(12)] DateTimeOffset? ArrivedAt = null);
