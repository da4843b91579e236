using System.Text.Json.Serialization;
using Emergency.Domain.Geo;

namespace Emergency.Domain.Hospitals;

/// <summary>
/// A receiving hospital: identity, location, what it can treat and how busy it is, as last reported.
/// </summary>
/// <remarks>
/// <para>
/// With <c>JsonSerializerDefaults.Web</c> this serialises to the wire form of <c>GET /api/hospitals/{id}</c> except
/// for two derived fields the API adds: <c>stale</c> (<see cref="Staleness.IsStale(DateTimeOffset, DateTimeOffset, TimeSpan)"/>
/// of <see cref="UpdatedAt"/> at read time) and <c>inbound</c> (ambulances with this destination, counted by
/// whoever tracks destinations).
/// </para>
/// </remarks>
/// <param name="HospitalId">Stable id, e.g. <c>H-01</c> (1–64 of <c>A-Z a-z 0-9 - _ .</c>).</param>
/// <param name="Name">Display name.</param>
/// <param name="Region">Region code, e.g. <c>sh</c>.</param>
/// <param name="Lat">Latitude of the emergency department entrance, decimal degrees.</param>
/// <param name="Lon">Longitude, decimal degrees.</param>
/// <param name="Capabilities">What the hospital can treat.</param>
/// <param name="Capacity">Free beds and bays as last reported.</param>
/// <param name="Status">Open or on diversion.</param>
/// <param name="UpdatedAt">When <see cref="Capacity"/> and <see cref="Status"/> were last reported.</param>
/// <param name="UpdatedBy">Who reported them (user or system name).</param>
[GenerateSerializer, Immutable, Alias("Emergency.Hospital")]
public sealed record Hospital(
    [property: Id(0)] string HospitalId,
    [property: Id(1)] string Name,
    [property: Id(2)] string Region,
    [property: Id(3)] double Lat,
    [property: Id(4)] double Lon,
    [property: Id(5)] HospitalCapabilities Capabilities,
    [property: Id(6)] HospitalCapacity Capacity,
    [property: Id(7)] EdStatus Status,
    [property: Id(8)] DateTimeOffset UpdatedAt,
    [property: Id(9)] string UpdatedBy)
{
    /// <summary>The hospital's location as a point.</summary>
    [JsonIgnore]
    public GeoPoint Position => new(Lat, Lon);

    /// <summary>A copy with new capacity and status reported at <paramref name="updatedAt"/> by <paramref name="updatedBy"/>.</summary>
    public Hospital WithReport(HospitalCapacity capacity, EdStatus status, DateTimeOffset updatedAt, string updatedBy) =>
        this with { Capacity = capacity, Status = status, UpdatedAt = updatedAt, UpdatedBy = updatedBy };
}
