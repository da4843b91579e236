namespace Emergency.Domain.Geo;

/// <summary>
/// Settings of the distance-based <see cref="EtaModel"/>. Every figure is a planning assumption for emergency
/// driving in a large congested city, not a measured value: calibrate them from the fleet's own position frames
/// (speed over road distance by hour of day) before trusting them for a real region.
/// </summary>
public sealed class EtaOptions
{
    /// <summary>Default <see cref="DetourFactor"/>: road distance is taken as 1.3 × the great-circle distance.</summary>
    /// <remarks>
    /// Road-network circuity factors of roughly 1.2–1.4 are reported for developed road networks
    /// (R. H. Ballou, H. Rahardja, N. Sakai, "Selected country circuity factors for road travel distance
    /// estimation", Transportation Research Part A 36(9):843–848, 2002); 1.3 is a middle value, not a
    /// Shanghai measurement.
    /// </remarks>
    public const double DefaultDetourFactor = 1.3;

    /// <summary>Default speed outside every band (daytime traffic): 35 km/h.</summary>
    public const double DefaultDaySpeedKmh = 35;

    /// <summary>Night speed, 00:00–06:00 local: 55 km/h (empty roads).</summary>
    public const double DefaultNightSpeedKmh = 55;

    /// <summary>Rush-hour speed, 07:00–09:00 and 17:00–19:00 local: 25 km/h.</summary>
    public const double DefaultRushHourSpeedKmh = 25;

    /// <summary>
    /// The default bands: night 00:00–06:00 at 55 km/h, morning rush 07:00–09:00 and evening rush 17:00–19:00
    /// at 25 km/h. Every other time (06:00–07:00, 09:00–17:00, 19:00–24:00) uses <see cref="DefaultSpeedKmh"/>.
    /// </summary>
    public static IReadOnlyList<SpeedBand> DefaultSpeedBands { get; } =
    [
        new SpeedBand("night", new TimeOnly(0, 0), new TimeOnly(6, 0), DefaultNightSpeedKmh),
        new SpeedBand("morning rush", new TimeOnly(7, 0), new TimeOnly(9, 0), DefaultRushHourSpeedKmh),
        new SpeedBand("evening rush", new TimeOnly(17, 0), new TimeOnly(19, 0), DefaultRushHourSpeedKmh),
    ];

    /// <summary>Road distance ÷ great-circle distance; at least 1. Default <see cref="DefaultDetourFactor"/> (1.3).</summary>
    public double DetourFactor { get; set; } = DefaultDetourFactor;

    /// <summary>Speed when no band applies, km/h. Default <see cref="DefaultDaySpeedKmh"/> (35).</summary>
    public double DefaultSpeedKmh { get; set; } = DefaultDaySpeedKmh;

    /// <summary>
    /// Speeds by local time of day; the first band containing the departure time wins.
    /// Default <see cref="DefaultSpeedBands"/>.
    /// </summary>
    public IReadOnlyList<SpeedBand> SpeedBands { get; set; } = DefaultSpeedBands;

    /// <summary>
    /// Fixed time added to every estimate (e.g. handover and offload at the door), so that the ETA answers
    /// "when can the hospital start treating". Default zero: the ETA is arrival time only.
    /// </summary>
    public TimeSpan HandoverAllowance { get; set; } = TimeSpan.Zero;

    /// <summary>
    /// The time zone that "local time of day" means for the speed bands. Default UTC; set it to the region's zone
    /// (the region file's <c>timeZone</c>, e.g. Asia/Shanghai), otherwise rush hours fall at the wrong time.
    /// </summary>
    public TimeZoneInfo TimeZone { get; set; } = TimeZoneInfo.Utc;
}
