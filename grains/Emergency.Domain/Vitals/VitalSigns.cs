namespace Emergency.Domain.Vitals;

/// <summary>
/// One set of vital signs. Every value is optional: wearables send a subset.
/// Units: beats/min, breaths/min, %, mmHg, °C. Values are kept as measured; scores round them (see News2Calculator).
/// </summary>
[GenerateSerializer, Immutable, Alias("Emergency.VitalSigns")]
public readonly record struct VitalSigns(
    [property: Id(0)] double? Hr,
    [property: Id(1)] double? Rr,
    [property: Id(2)] double? Spo2,
    [property: Id(3)] double? Sbp,
    [property: Id(4)] double? Dbp,
    [property: Id(5)] double? Temp,
    [property: Id(6)] Acvpu? Acvpu,
    [property: Id(7)] bool? O2,
    [property: Id(8)] Spo2Scale? Spo2Scale)
{
    public static readonly VitalSigns Empty = default;

    public bool IsEmpty => Hr is null && Rr is null && Spo2 is null && Sbp is null && Dbp is null
        && Temp is null && Acvpu is null && O2 is null && Spo2Scale is null;
}
