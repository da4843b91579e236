namespace Emergency.Domain.Geo;

/// <summary>
/// Distance-based ETA: great-circle distance × <see cref="EtaOptions.DetourFactor"/> ÷ the speed for the local time
/// of day at departure, plus <see cref="EtaOptions.HandoverAllowance"/>.
/// </summary>
/// <remarks>
/// The speed of the departure band applies to the whole trip (a trip leaving at 06:55 is driven at the day speed
/// even if it runs into the morning rush). The model never answers "no route". Thread-safe and stateless once
/// built; the options are copied at construction.
/// </remarks>
public sealed class EtaModel : IEtaEstimator
{
    private readonly double _detourFactor;
    private readonly double _defaultSpeedKmh;
    private readonly SpeedBand[] _bands;
    private readonly TimeSpan _handover;
    private readonly TimeZoneInfo _timeZone;

    /// <param name="options">Settings; null for the defaults.</param>
    /// <exception cref="ArgumentException">A setting is out of range (the message names it).</exception>
    public EtaModel(EtaOptions? options = null)
    {
        options ??= new EtaOptions();

        if (!double.IsFinite(options.DetourFactor) || options.DetourFactor < 1)
        {
            throw new ArgumentException($"DetourFactor must be a finite number of at least 1, not {options.DetourFactor}", nameof(options));
        }

        if (!IsValidSpeed(options.DefaultSpeedKmh))
        {
            throw new ArgumentException($"DefaultSpeedKmh must be finite and above 0, not {options.DefaultSpeedKmh}", nameof(options));
        }

        if (options.HandoverAllowance < TimeSpan.Zero)
        {
            throw new ArgumentException($"HandoverAllowance must not be negative, not {options.HandoverAllowance}", nameof(options));
        }

        ArgumentNullException.ThrowIfNull(options.TimeZone, "options.TimeZone");
        ArgumentNullException.ThrowIfNull(options.SpeedBands, "options.SpeedBands");

        for (int i = 0; i < options.SpeedBands.Count; i++)
        {
            var band = options.SpeedBands[i];
            if (band is null)
            {
                throw new ArgumentException($"SpeedBands[{i}] is null", nameof(options));
            }

            if (band.Start == band.End)
            {
                throw new ArgumentException($"SpeedBands[{i}] ({band.Name}): start and end are both {band.Start:HH\\:mm}", nameof(options));
            }

            if (!IsValidSpeed(band.SpeedKmh))
            {
                throw new ArgumentException($"SpeedBands[{i}] ({band.Name}): SpeedKmh must be finite and above 0, not {band.SpeedKmh}", nameof(options));
            }
        }

        _detourFactor = options.DetourFactor;
        _defaultSpeedKmh = options.DefaultSpeedKmh;
        _bands = [.. options.SpeedBands];
        _handover = options.HandoverAllowance;
        _timeZone = options.TimeZone;
    }

    /// <summary>Road distance estimate: great-circle distance × detour factor, in kilometres.</summary>
    public double RoadDistanceKm(GeoPoint from, GeoPoint to) => GreatCircle.DistanceKm(from, to) * _detourFactor;

    /// <summary>The speed, km/h, for a departure at <paramref name="departure"/> (by local time of day).</summary>
    public double SpeedKmhAt(DateTimeOffset departure)
    {
        var local = TimeOnly.FromTimeSpan(TimeZoneInfo.ConvertTime(departure, _timeZone).TimeOfDay);
        foreach (var band in _bands)
        {
            if (band.Contains(local))
            {
                return band.SpeedKmh;
            }
        }

        return _defaultSpeedKmh;
    }

    /// <summary>Drive time (road distance ÷ speed at departure) plus the handover allowance. Never null.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Either point is not <see cref="GeoPoint.IsValid"/>.</exception>
    public TimeSpan? Estimate(GeoPoint from, GeoPoint to, DateTimeOffset departure)
    {
        double hours = RoadDistanceKm(from, to) / SpeedKmhAt(departure);
        return TimeSpan.FromHours(hours) + _handover;
    }

    private static bool IsValidSpeed(double kmh) => double.IsFinite(kmh) && kmh > 0;
}
