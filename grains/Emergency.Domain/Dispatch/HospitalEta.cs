using Emergency.Domain.Hospitals;

namespace Emergency.Domain.Dispatch;

/// <summary>
/// A hospital with an ETA already worked out (by a routing engine queried up front), for
/// <see cref="DestinationRanker.Rank(PatientNeeds, IEnumerable{HospitalEta}, DateTimeOffset)"/>.
/// </summary>
/// <param name="Hospital">The hospital.</param>
/// <param name="Eta">Travel time from the patient; null when there is no route (out of reach). Not negative.</param>
public readonly record struct HospitalEta(Hospital Hospital, TimeSpan? Eta);
