using Emergency.Domain.Hospitals;
using Emergency.Domain.Scoring;

namespace Emergency.Domain.Dispatch;

/// <summary>Settings of <see cref="DestinationRanker"/>. The defaults are the documented constants below.</summary>
public sealed class RankingOptions
{
    /// <summary>Default <see cref="MaxEtaMinutes"/>: 60 min.</summary>
    public const double DefaultMaxEtaMinutes = 60;

    /// <summary>Default <see cref="LvoThrombectomyExtraMinutes"/>: 30 min.</summary>
    public const double DefaultLvoThrombectomyExtraMinutes = 30;

    /// <summary>Default <see cref="TraumaCentreExtraMinutes"/>: 15 min.</summary>
    public const double DefaultTraumaCentreExtraMinutes = 15;

    /// <summary>Default <see cref="EtaTieMinutes"/>: 0.5 min.</summary>
    public const double DefaultEtaTieMinutes = 0.5;

    /// <summary>Default <see cref="PaediatricAgeBelow"/>: 16 years.</summary>
    public const int DefaultPaediatricAgeBelow = 16;

    /// <summary>
    /// Hospitals with a longer ETA (or no route) are "out of reach": listed after every hospital in reach, and when no
    /// capable hospital is in reach the recommendation carries a warning. Default 60 min (a planning horizon for an
    /// urban region, not a clinical limit).
    /// </summary>
    public double MaxEtaMinutes { get; set; } = DefaultMaxEtaMinutes;

    /// <summary>
    /// Suspected large-vessel-occlusion stroke: a thrombectomy-capable centre goes ahead of nearer stroke centres when
    /// its ETA is at most this much longer than the nearest suitable stroke centre's. Default 30 min.
    /// </summary>
    /// <remarks>
    /// The AHA Mission: Lifeline Stroke severity-based triage algorithm for EMS (2017) started conservatively with
    /// 15 min of extra transport; modelling of US triage strategies found more good outcomes with allowances of
    /// 30 min or more (E. Venema et al., "Prehospital triage strategies for the transportation of suspected stroke
    /// patients in the United States", Stroke 51(11):3310–3319, 2020). Regions set their own figure, typically 15–30.
    /// </remarks>
    public double LvoThrombectomyExtraMinutes { get; set; } = DefaultLvoThrombectomyExtraMinutes;

    /// <summary>
    /// Injury without major-trauma criteria: a trauma centre (any level) goes ahead of nearer hospitals when its ETA
    /// is at most this much longer than the nearest suitable hospital's. Default 15 min; a local policy choice (the
    /// field triage guideline sends "yellow" patients to a trauma centre without naming a time).
    /// </summary>
    public double TraumaCentreExtraMinutes { get; set; } = DefaultTraumaCentreExtraMinutes;

    /// <summary>
    /// ETAs within this many minutes of each other count as a tie, broken by free resus bays, then free ED beds, then
    /// hospital id. Default 0.5 min: below the accuracy of any ETA model.
    /// </summary>
    public double EtaTieMinutes { get; set; } = DefaultEtaTieMinutes;

    /// <summary>Capacity reports older than this are not trusted. Default <see cref="Staleness.DefaultMaxAge"/> (60 min).</summary>
    public TimeSpan CapacityMaxAge { get; set; } = Staleness.DefaultMaxAge;

    /// <summary>
    /// Patients younger than this (completed years) need paediatric capability. Default 16: NEWS2 is validated for
    /// patients aged 16 and over only (Royal College of Physicians, National Early Warning Score 2, 2017), so younger
    /// patients are outside the adult pathway this service scores.
    /// </summary>
    public int PaediatricAgeBelow { get; set; } = DefaultPaediatricAgeBelow;

    /// <summary>
    /// Patients at or above this NEWS2 risk need a free resuscitation bay to count as "can take now" (as do major
    /// trauma patients). Default <see cref="News2Risk.High"/>: aggregate score 7 or more calls for an emergency
    /// response by a team with critical-care competencies (Royal College of Physicians, NEWS2, 2017).
    /// </summary>
    public News2Risk ResusBayFromRisk { get; set; } = News2Risk.High;

    /// <summary>Time zone for the times quoted in reasons ("On diversion: CT down until 14:30"). Default UTC; use the region's.</summary>
    public TimeZoneInfo TimeZone { get; set; } = TimeZoneInfo.Utc;
}
