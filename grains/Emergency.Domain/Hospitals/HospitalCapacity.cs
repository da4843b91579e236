namespace Emergency.Domain.Hospitals;

/// <summary>
/// How much a hospital can take right now, as last reported by the hospital. Counts are whole beds/bays;
/// <see cref="CapacityValidator"/> checks them (none negative, free never above total).
/// Wire form: <c>{"resusBaysTotal":4,"resusBaysFree":1,"edBedsTotal":40,"edBedsFree":6,"icuBedsFree":2,"orAvailable":true}</c>.
/// </summary>
/// <param name="ResusBaysTotal">Resuscitation bays in the emergency department.</param>
/// <param name="ResusBaysFree">Resuscitation bays free now.</param>
/// <param name="EdBedsTotal">Emergency department cubicles/beds (excluding resus).</param>
/// <param name="EdBedsFree">Emergency department beds free now.</param>
/// <param name="IcuBedsFree">Intensive care beds free now (no total is reported).</param>
/// <param name="OrAvailable">An emergency operating theatre can be opened now.</param>
[GenerateSerializer, Immutable, Alias("Emergency.HospitalCapacity")]
public sealed record HospitalCapacity(
    [property: Id(0)] int ResusBaysTotal,
    [property: Id(1)] int ResusBaysFree,
    [property: Id(2)] int EdBedsTotal,
    [property: Id(3)] int EdBedsFree,
    [property: Id(4)] int IcuBedsFree,
    [property: Id(5)] bool OrAvailable);
