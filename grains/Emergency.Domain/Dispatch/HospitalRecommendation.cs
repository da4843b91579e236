namespace Emergency.Domain.Dispatch;

/// <summary>
/// One hospital in a <see cref="DestinationRecommendation"/>. Wire form:
/// <c>{"hospitalId":"H-03","rank":1,"etaMinutes":11.5,"capable":true,"canTakeNow":true,"reasons":["…"]}</c>.
/// </summary>
/// <param name="HospitalId">The hospital.</param>
/// <param name="Rank">1 for the best destination, then 2, 3, … without gaps or ties.</param>
/// <param name="EtaMinutes">ETA in minutes, rounded to 0.1; null when no route is known.</param>
/// <param name="Capable">Meets every hard requirement of the patient (PCI, stroke centre, Level I/II, paediatric,
/// obstetric), whatever its current load. True for every hospital when the patient has none.</param>
/// <param name="CanTakeNow">Not on diversion and, if the patient needs one, a resuscitation bay is confirmed free by a
/// capacity report that is not stale.</param>
/// <param name="Reasons">Plain-language explanation, most important first: capability, availability, reach, ties.</param>
[GenerateSerializer, Immutable, Alias("Emergency.HospitalRecommendation")]
public sealed record HospitalRecommendation(
    [property: Id(0)] string HospitalId,
    [property: Id(1)] int Rank,
    [property: Id(2)] double? EtaMinutes,
    [property: Id(3)] bool Capable,
    [property: Id(4)] bool CanTakeNow,
    [property: Id(5)] IReadOnlyList<string> Reasons);
