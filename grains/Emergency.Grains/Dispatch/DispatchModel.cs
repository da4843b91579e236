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
        Eta = new EtaModel(new EtaOptions
        {
            DetourFactor = o.DetourFactor,
            DefaultSpeedKmh = o.DefaultSpeedKmh,
            HandoverAllowance = o.HandoverAllowance,
            TimeZone = TimeZone,
        });
        Ranker = new DestinationRanker(Eta, new RankingOptions
        {
            MaxEtaMinutes = o.MaxEtaMinutes,
            LvoThrombectomyExtraMinutes = o.LvoThrombectomyExtraMinutes,
            TraumaCentreExtraMinutes = o.TraumaCentreExtraMinutes,
            EtaTieMinutes = o.EtaTieMinutes,
            PaediatricAgeBelow = o.PaediatricAgeBelow,
            CapacityMaxAge = CapacityMaxAge,
            TimeZone = TimeZone,
        });
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
    public DestinationRanker Ranker { get; }

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
}
