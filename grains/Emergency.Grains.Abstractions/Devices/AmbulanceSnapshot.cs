using Emergency.Domain.Ambulances;
using Emergency.Grains.Hospitals;

namespace Emergency.Grains.Devices;

/// <summary>What is known of an ambulance now; <see cref="Destination"/> carries the ETA from the latest position.</summary>
[GenerateSerializer, Immutable, Alias("Emergency.AmbulanceSnapshot")]
public sealed record AmbulanceSnapshot(
    [property: Id(0)] string UnitId,
    [property: Id(1)] string Region,
    [property: Id(2)] PositionFrame? Position,
    [property: Id(3)] AmbulanceStatus? Status,
    [property: Id(4)] DateTimeOffset? StatusAt,
    [property: Id(5)] string? PatientId,
    [property: Id(6)] long Version,
    [property: Id(7)] Destination? Destination = null,
    [property: Id(8)] TripTimes? Times = null);
