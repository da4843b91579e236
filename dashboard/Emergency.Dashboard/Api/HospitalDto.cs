using Emergency.Domain.Ambulances;
using Emergency.Domain.Hospitals;
using Emergency.Grains.Devices;
using Emergency.Grains.Hospitals;

namespace Emergency.Dashboard.Api;

/// <summary>
/// A hospital as the contract shows it: the record (capabilities, capacity and status as wire codes), whether the
/// capacity report is <c>stale</c>, how many units are <c>inbound</c> and which (<c>inboundUnits</c>, soonest first),
/// how many resuscitation bays are soft-held for them (<c>resusBaysHeld</c>), and the units that arrived recently
/// (<c>arrivedUnits</c>, latest first).
/// </summary>
public sealed record HospitalDto(
    string HospitalId,
    string Name,
    string Region,
    double Lat,
    double Lon,
    HospitalCapabilities Capabilities,
    HospitalCapacity Capacity,
    EdStatus Status,
    DateTimeOffset UpdatedAt,
    string UpdatedBy,
    bool Stale,
    int Inbound,
    IReadOnlyList<DestinationDto> InboundUnits,
    int ResusBaysHeld,
    IReadOnlyList<DestinationDto> ArrivedUnits)
{
    public static HospitalDto From(HospitalState s)
    {
        var h = s.Hospital;
        var inbound = s.Inbound.IsDefault ? [] : s.Inbound.Select(DestinationDto.From).ToList();
        var arrived = s.Arrived.IsDefault ? [] : s.Arrived.Select(DestinationDto.From).ToList();
        return new(h.HospitalId, h.Name, h.Region, h.Lat, h.Lon, h.Capabilities, h.Capacity, h.Status, h.UpdatedAt,
            h.UpdatedBy, s.Stale, inbound.Count, inbound, s.ResusBaysHeld, arrived);
    }
}

/// <summary>
/// A destination decision with the ETA from the unit's latest position (<c>etaMinutes</c>, <c>eta</c>; null while
/// unknown), the resuscitation-bay hold (<c>resusHold</c>: why, null when none is needed; <c>resusHoldUntil</c>: null
/// when not in force) and <c>arrivedAt</c> (null while on the way).
/// </summary>
public sealed record DestinationDto(
    string HospitalId,
    string UnitId,
    string PatientId,
    double? EtaMinutes,
    DateTimeOffset? Eta,
    string DecidedBy,
    DateTimeOffset DecidedAt,
    string? Reason,
    int? RecommendedRank,
    string? ResusHold,
    DateTimeOffset? ResusHoldUntil,
    DateTimeOffset? ArrivedAt)
{
    public static DestinationDto From(Destination d) => new(
        d.HospitalId, d.UnitId, d.PatientId, d.EtaMinutes, d.EtaAt, d.DecidedBy, d.DecidedAt, d.Reason, d.RecommendedRank,
        d.ResusHoldBasis, d.ResusHoldUntil, d.ArrivedAt);
}

/// <summary>An ambulance as the contract shows it.</summary>
public sealed record AmbulanceDto(
    string UnitId,
    string Region,
    AmbulancePositionDto? Position,
    string? Status,
    DateTimeOffset? StatusAt,
    string? PatientId,
    long Version,
    DestinationDto? Destination)
{
    public static AmbulanceDto From(AmbulanceSnapshot s) => new(
        s.UnitId,
        s.Region,
        s.Position is { } p ? new AmbulancePositionDto(p.Lat, p.Lon, p.SpeedKmh, p.Heading, p.Timestamp) : null,
        s.Status?.ToCode(),
        s.StatusAt,
        s.PatientId,
        s.Version,
        s.Destination is { } d ? DestinationDto.From(d) : null);
}

public sealed record AmbulancePositionDto(double Lat, double Lon, double? SpeedKmh, double? Heading, DateTimeOffset Ts);
