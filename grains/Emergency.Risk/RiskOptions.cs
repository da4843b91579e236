using Emergency.Domain.Alerts;

namespace Emergency.Risk;

/// <summary>Configuration section <c>Risk</c>: the learned deterioration-risk estimate on each patient.</summary>
public sealed class RiskOptions
{
    public const string Section = "Risk";

    /// <summary>The default model file: the shipped model, copied next to the service's binaries.</summary>
    public static string ShippedModelFile => Path.Combine(AppContext.BaseDirectory, "RiskModel", "deterioration-risk.zip");

    /// <summary>Whether patients get a risk estimate at all.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>The model zip; its manifest (<c>{name}.manifest.json</c>) must sit next to it. Default: the shipped model.</summary>
    public string? ModelFile { get; set; }

    /// <summary>Probability at or above which a <c>predicted</c> alert is raised. Default: the manifest's threshold.</summary>
    public double? AlertThreshold { get; set; }

    /// <summary>Priority of the predicted-deterioration alert.</summary>
    public AlertPriority AlertPriority { get; set; } = AlertPriority.Medium;

    /// <summary>A patient is scored at most this often (frames in between only update the window).</summary>
    public TimeSpan ScoreInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How many contributing features an estimate names.</summary>
    public int TopFactors { get; set; } = 3;
}
