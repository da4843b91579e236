using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Emergency.Risk;

/// <summary>
/// The JSON file next to a model zip (<c>{name}.manifest.json</c>): which model this is, which feature set it was
/// trained on, what data it was trained on, and its alert threshold.
/// </summary>
public sealed record RiskModelManifest
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        // A file for people as much as for the service: apostrophes and ≥ stay as written.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>The model's version, shown with every estimate, e.g. <c>sim-2026.12.02-s42</c>.</summary>
    public required string ModelVersion { get; init; }

    /// <summary>The feature set it expects (<see cref="Domain.Risk.RiskFeatures.Version"/>).</summary>
    public required string FeatureSetVersion { get; init; }

    /// <summary>Feature names in model order; checked against the serving code's.</summary>
    public required IReadOnlyList<string> FeatureNames { get; init; }

    /// <summary>What the model was trained on, in plain words; shown next to every estimate.</summary>
    public required string TrainedOn { get; init; }

    /// <summary>Whether the model has been validated for clinical use; says so plainly when not.</summary>
    public required string ClinicalUse { get; init; }

    /// <summary>Probability at or above which a predicted-deterioration alert is raised (unless configured otherwise).</summary>
    public required double AlertThreshold { get; init; }

    /// <summary>How the threshold was chosen.</summary>
    public string? AlertThresholdBasis { get; init; }

    public required string Trainer { get; init; }

    public required DateTimeOffset TrainedAt { get; init; }

    /// <summary>The command that reproduces the model.</summary>
    public string? Command { get; init; }

    /// <summary>Held-out figures, for people reading the file.</summary>
    public IReadOnlyDictionary<string, double>? HeldOut { get; init; }

    public static string PathFor(string modelFile) =>
        Path.Combine(Path.GetDirectoryName(modelFile) ?? ".", Path.GetFileNameWithoutExtension(modelFile) + ".manifest.json");

    public static RiskModelManifest Read(string path) =>
        JsonSerializer.Deserialize<RiskModelManifest>(File.ReadAllText(path), Json)
        ?? throw new InvalidDataException($"{path}: empty manifest");

    public void Write(string path) => File.WriteAllText(path, JsonSerializer.Serialize(this, Json));
}
