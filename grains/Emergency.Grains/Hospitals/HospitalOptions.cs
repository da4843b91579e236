using Emergency.Domain.Hospitals;

namespace Emergency.Grains.Hospitals;

/// <summary>Configuration section <c>Hospitals</c>.</summary>
public sealed class HospitalOptions
{
    public const string Section = "Hospitals";

    /// <summary>A capacity report older than this is shown as <c>stale</c> and not trusted by the ranking. Default 60 min.</summary>
    public TimeSpan CapacityMaxAge { get; set; } = Staleness.DefaultMaxAge;
}
