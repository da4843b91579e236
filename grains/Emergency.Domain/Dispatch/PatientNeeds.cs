using Emergency.Domain.Geo;
using Emergency.Domain.Scoring;

namespace Emergency.Domain.Dispatch;

/// <summary>
/// What the ranking needs to know about a patient. Built from a recommendation request
/// (<c>{"lat","lon","condition","news2Risk"}</c>) or from a patient's live state (<c>{"patientId"}</c>).
/// </summary>
/// <remarks>
/// Needs add up: a flag asks for its capability whatever the <see cref="Condition"/> (a patient with
/// <see cref="LvoSuspected"/> needs a stroke centre even if the condition is "other"; red criteria make any patient
/// a major-trauma patient). See <see cref="CareRequirements.For"/> for the exact rules.
/// </remarks>
/// <param name="Position">Where the patient is (the ambulance's position); ETAs are measured from here.</param>
/// <param name="Condition">Working condition.</param>
/// <param name="News2Risk">Current NEWS2 risk band; null when not scored yet.</param>
/// <param name="LvoSuspected">A positive large-vessel-occlusion screen (e.g. RACE, LAMS, VAN) in a suspected stroke.</param>
/// <param name="TraumaRedCriteria">Field-triage red criteria met (empty or null: none).</param>
/// <param name="AgeYears">Age in completed years (0 for infants); null when unknown.</param>
/// <param name="Pregnant">Known to be pregnant.</param>
/// <param name="PatientId">Echoed in the recommendation; null for an ad hoc request by position.</param>
[GenerateSerializer, Immutable, Alias("Emergency.PatientNeeds")]
public sealed record PatientNeeds(
    [property: Id(0)] GeoPoint Position,
    [property: Id(1)] DispatchCondition Condition,
    [property: Id(2)] News2Risk? News2Risk = null,
    [property: Id(3)] bool LvoSuspected = false,
    [property: Id(4)] IReadOnlyList<TraumaRedCriterion>? TraumaRedCriteria = null,
    [property: Id(5)] int? AgeYears = null,
    [property: Id(6)] bool Pregnant = false,
    [property: Id(7)] string? PatientId = null);
