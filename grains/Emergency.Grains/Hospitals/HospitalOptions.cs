using Emergency.Domain.Dispatch;
using Emergency.Domain.Hospitals;

namespace Emergency.Grains.Hospitals;

/// <summary>Configuration section <c>Hospitals</c>.</summary>
public sealed class HospitalOptions
{
    public const string Section = "Hospitals";

    /// <summary>A capacity report older than this is shown as <c>stale</c> and not trusted by the ranking. Default 60 min.</summary>
    public TimeSpan CapacityMaxAge { get; set; } = Staleness.DefaultMaxAge;

    /// <summary>
    /// How long past its latest ETA a resuscitation bay stays soft-held for a unit that has not arrived
    /// (<see cref="ResusHoldRules"/>). Default 15 min.
    /// </summary>
    public TimeSpan ResusHoldGrace { get; set; } = ResusHoldRules.DefaultGrace;

    /// <summary>How long an arrived patient stays on the hospital's list (the ED board's "arrived" cards). Default 60 min.</summary>
    public TimeSpan ArrivedListTime { get; set; } = TimeSpan.FromMinutes(60);
}
