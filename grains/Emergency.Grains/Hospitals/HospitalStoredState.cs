using Emergency.Domain.Hospitals;

namespace Emergency.Grains.Hospitals;

/// <summary>
/// What a hospital grain stores: the last capacity report (the record itself comes from the region file), the units
/// inbound with their resuscitation-bay holds, and recent arrivals. Add members with new ids; never reuse one.
/// </summary>
[GenerateSerializer, Alias("Emergency.HospitalStoredState")]
public sealed class HospitalStoredState
{
    /// <summary>The record as last reported by the hospital's staff; null until a report.</summary>
    [Id(0)] public Hospital? Reported { get; set; }
    [Id(1)] public List<Destination> Inbound { get; set; } = [];
    [Id(2)] public List<Destination> Arrived { get; set; } = [];
}
