using Emergency.Domain.Ambulances;
using Emergency.Grains.Hospitals;

namespace Emergency.Grains.Devices;

/// <summary>What an ambulance grain stores. Add members with new ids; never reuse one.</summary>
[GenerateSerializer, Alias("Emergency.AmbulanceState")]
public sealed class AmbulanceState
{
    [Id(0)] public DeviceSeqState Device { get; set; } = new();
    [Id(1)] public string? Region { get; set; }
    [Id(2)] public string? ListedInRegion { get; set; }
    [Id(3)] public PositionFrame? Position { get; set; }
    [Id(4)] public AmbulanceStatus? Status { get; set; }
    [Id(5)] public DateTimeOffset? StatusAt { get; set; }
    [Id(6)] public long Version { get; set; }
    [Id(7)] public Destination? Destination { get; set; }
    [Id(8)] public Dictionary<string, DateTimeOffset> ContextAt { get; set; } = new(StringComparer.Ordinal);
    [Id(9)] public TripTimes? Times { get; set; }
}
