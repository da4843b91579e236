namespace Emergency.Grains.Patients;

/// <summary>Configuration section <c>Patients</c>.</summary>
public sealed class PatientOptions
{
    public const string Section = "Patients";

    /// <summary>A parameter whose latest value is older than this is left out of NEWS2 (which is then incomplete).</summary>
    public TimeSpan Freshness { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How much of the recent past each patient keeps in memory (trends, sparklines).</summary>
    public TimeSpan WindowRetention { get; set; } = TimeSpan.FromMinutes(60);
}
