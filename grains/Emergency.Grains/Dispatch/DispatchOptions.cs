using Emergency.Domain.Dispatch;
using Emergency.Domain.Geo;

namespace Emergency.Grains.Dispatch;

/// <summary>
/// Configuration section <c>Dispatch</c>: the ETA model and the ranking. Every default is the domain's documented
/// default (<see cref="EtaOptions"/>, <see cref="RankingOptions"/>).
/// </summary>
public sealed class DispatchOptions
{
    public const string Section = "Dispatch";

    /// <summary>
    /// IANA or Windows time-zone id for rush hours and quoted times, e.g. <c>Asia/Shanghai</c>. Unset: the region
    /// file's <c>timeZone</c>, else UTC.
    /// </summary>
    public string? TimeZone { get; set; }

    public double DetourFactor { get; set; } = EtaOptions.DefaultDetourFactor;
    public double DefaultSpeedKmh { get; set; } = EtaOptions.DefaultDaySpeedKmh;
    public TimeSpan HandoverAllowance { get; set; } = TimeSpan.Zero;
    public double MaxEtaMinutes { get; set; } = RankingOptions.DefaultMaxEtaMinutes;
    public double LvoThrombectomyExtraMinutes { get; set; } = RankingOptions.DefaultLvoThrombectomyExtraMinutes;
    public double TraumaCentreExtraMinutes { get; set; } = RankingOptions.DefaultTraumaCentreExtraMinutes;
    public double EtaTieMinutes { get; set; } = RankingOptions.DefaultEtaTieMinutes;
    public int PaediatricAgeBelow { get; set; } = RankingOptions.DefaultPaediatricAgeBelow;

    /// <summary>A GPS fix this close to the destination's ED entrance is an arrival (<see cref="ArrivalGeofence"/>). Default 100 m.</summary>
    public double ArrivalRadiusMetres { get; set; } = ArrivalGeofence.DefaultRadiusMetres;
}
