namespace Emergency.Domain.Dispatch;

/// <summary>
/// The answer to "which hospital can treat this patient soonest?" (<c>POST /api/dispatch/recommendations</c>). Wire form:
/// <c>{"patientId":"P-7F3A2","computedAt":"…","hospitals":[…],"warning":null}</c>.
/// </summary>
/// <param name="PatientId">The patient, when the request named one.</param>
/// <param name="ComputedAt">The <c>now</c> the ranking was computed for.</param>
/// <param name="Hospitals">Every hospital considered, best first (<see cref="HospitalRecommendation.Rank"/> 1, 2, …).</param>
/// <param name="Warning">Set when no capable hospital is in reach, or none in reach can take the patient now; null otherwise.</param>
[GenerateSerializer, Immutable, Alias("Emergency.DestinationRecommendation")]
public sealed record DestinationRecommendation(
    [property: Id(0)] string? PatientId,
    [property: Id(1)] DateTimeOffset ComputedAt,
    [property: Id(2)] IReadOnlyList<HospitalRecommendation> Hospitals,
    [property: Id(3)] string? Warning);
