using Emergency.Domain.Alerts;
using Emergency.Domain.Scoring;

namespace Emergency.Grains.Patients;

/// <summary>Configuration section <c>Patients</c>.</summary>
public sealed class PatientOptions
{
    public const string Section = "Patients";

    /// <summary>A parameter whose latest value is older than this is left out of NEWS2 (which is then incomplete).</summary>
    public TimeSpan Freshness { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How much of the recent past each patient keeps in memory (trends, sparklines).</summary>
    public TimeSpan WindowRetention { get; set; } = TimeSpan.FromMinutes(60);

    /// <summary>Confirmation of new bands and artefacts (<c>Patients:Artefacts</c>); its freshness is <see cref="Freshness"/>.</summary>
    public ArtefactOptions Artefacts { get; set; } = ArtefactOptions.Default;

    /// <summary>Trend rules (<c>Patients:Trends</c>).</summary>
    public TrendOptions Trends { get; set; } = TrendOptions.Default;

    /// <summary>Escalation and clearing of alerts (<c>Patients:Alerts</c>).</summary>
    public AlertOptions Alerts { get; set; } = AlertOptions.Default;

    /// <summary>How often a patient with open alerts checks for escalation and clearing without a new frame.</summary>
    public TimeSpan AlertTimerPeriod { get; set; } = TimeSpan.FromSeconds(1);
}
