using System.Text.Json.Serialization;
using Emergency.Domain.Geo;

namespace Emergency.Domain.Dispatch;

/// <summary>An ambulance station (where units wait when available). Wire/file form: <c>{"stationId","name","lat","lon"}</c>.</summary>
/// <param name="StationId">Stable id, e.g. <c>ST-01</c> (1–64 of <c>A-Z a-z 0-9 - _ .</c>).</param>
/// <param name="Name">Display name.</param>
/// <param name="Lat">Latitude, decimal degrees.</param>
/// <param name="Lon">Longitude, decimal degrees.</param>
[GenerateSerializer, Immutable, Alias("Emergency.AmbulanceStation")]
public sealed record AmbulanceStation(
    [property: Id(0)] string StationId,
    [property: Id(1)] string Name,
    [property: Id(2)] double Lat,
    [property: Id(3)] double Lon)
{
    /// <summary>The station's location as a point.</summary>
    [JsonIgnore]
    public GeoPoint Position => new(Lat, Lon);
}
