using Emergency.Domain.Dispatch;
using Emergency.Domain.Geo;
using Emergency.Grains.Hospitals;
using Microsoft.Extensions.Options;

namespace Emergency.Grains.Dispatch;

/// <summary>The ETA model and destination ranker built once from <see cref="DispatchOptions"/> and <see cref="HospitalOptions"/>.</summary>
public sealed class DispatchModel
{
    public DispatchModel(IOptions<DispatchOptions> dispatch, IOptions<HospitalOptions> hospitals)
    {
        var o = dispatch.Value;
        TimeZone = o.TimeZone is { Length: > 0 } id ? FindZone(id) : TimeZoneInfo.Utc;
        CapacityMaxAge = hospitals.Value.CapacityMaxAge;
        ResusHoldGrace = hospitals.Value.ResusHoldGrace;
        Eta = new EtaModel(new EtaOptions
        {
            DetourFactor = o.DetourFactor,
            DefaultSpeedKmh = o.DefaultSpeedKmh,
            HandoverAllowance = o.HandoverAllowance,
            TimeZone = TimeZone,
        });
        ArrivalRadiusMetres = o.ArrivalRadiusMetres;
        Ranking = new RankingOptions
        {
            MaxEtaMinutes = o.MaxEtaMinutes,
            LvoThrombectomyExtraMinutes = o.LvoThrombectomyExtraMinutes,
            TraumaCentreExtraMinutes = o.TraumaCentreExtraMinutes,
            EtaTieMinutes = o.EtaTieMinutes,
            PaediatricAgeBelow = o.PaediatricAgeBelow,
            CapacityMaxAge = CapacityMaxAge,
            TimeZone = TimeZone,
        };
        Ranker = new DestinationRanker(Eta, Ranking);
    }

    private static TimeZoneInfo FindZone(string id)
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(id);
        }
        catch (Exception ex) when (ex is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            throw new InvalidOperationException($"{DispatchOptions.Section}:TimeZone \"{id}\" is not a time zone known here: {ex.Message}", ex);
        }
    }

    public TimeZoneInfo TimeZone { get; }
    public TimeSpan CapacityMaxAge { get; }
    public EtaModel Eta { get; }
    public RankingOptions Ranking { get; }
    public DestinationRanker Ranker { get; }

    /// <summary>How long past the latest ETA a resuscitation bay stays held for a unit that has not arrived.</summary>
    public TimeSpan ResusHoldGrace { get; }

    /// <summary>Metres from the destination within which a GPS fix is an arrival.</summary>
    public double ArrivalRadiusMetres { get; }

    /// <summary>
    /// <paramref name="destination"/> with its ETA from <paramref name="from"/> departing at <paramref name="now"/>
    /// (minutes rounded to 0.1); no ETA when the position is unknown or invalid.
    /// </summary>
    public Destination WithEta(Destination destination, GeoPoint? from, DateTimeOffset now)
    {
        if (from is not { IsValid: true } start || !destination.HospitalPosition.IsValid
            || Eta.Estimate(start, destination.HospitalPosition, now) is not { } eta)
        {
            return destination with { EtaMinutes = null, EtaAt = null };
        }
        return destination with { EtaMinutes = Math.Round(eta.TotalMinutes, 1), EtaAt = now + eta };
    }

    /// <summary>
    /// <paramref name="destination"/> as of <paramref name="now"/>: a new ETA from <paramref name="from"/>, and its
    /// resuscitation-bay hold moved to the new ETA while in force. A hold whose time-out has passed has ended
    /// (<see cref="Destination.ResusHoldUntil"/> null with a basis) and is not taken again on this trip.
    /// </summary>
    public Destination Refresh(Destination destination, GeoPoint? from, DateTimeOffset now)
    {
        var next = WithEta(destination, from, now);
        if (next.ResusHoldUntil is not { } until)
        {
            return next;
        }
        return ResusHoldRules.IsActive(until, now)
            ? next with { ResusHoldUntil = ResusHoldRules.Until(now, next.EtaAt, ResusHoldGrace) }
            : next with { ResusHoldUntil = null };
    }

    /// <summary>A new decision's hold: from now until <see cref="ResusHoldGrace"/> past its ETA, when it has a basis.</summary>
    public Destination WithNewHold(Destination decision, DateTimeOffset now) =>
        decision.ResusHoldBasis is null
            ? decision with { ResusHoldUntil = null }
            : decision with { ResusHoldUntil = ResusHoldRules.Until(now, decision.EtaAt, ResusHoldGrace) };
}
