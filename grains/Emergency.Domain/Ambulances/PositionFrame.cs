namespace Emergency.Domain.Ambulances;

/// <summary>A decoded ambulance GPS fix.</summary>
[GenerateSerializer, Immutable, Alias("Emergency.PositionFrame")]
public sealed record PositionFrame(
    [property: Id(0)] long Seq,
    [property: Id(1)] DateTimeOffset Timestamp,
    [property: Id(2)] double Lat,
    [property: Id(3)] double Lon,
    [property: Id(4)] double? SpeedKmh,
    [property: Id(5)] double? Heading);
