using Emergency.Domain.Risk;
using Microsoft.ML;

namespace Emergency.Risk;

/// <summary>
/// A trained deterioration-risk model with its manifest. Loaded once per process and shared; each patient grain
/// activation takes its own <see cref="RiskScorer"/> (a prediction engine is not thread-safe).
/// </summary>
public sealed class RiskModel
{
    private readonly MLContext _ml;

    private RiskModel(MLContext ml, ITransformer transformer, RiskModelManifest manifest)
    {
        _ml = ml;
        Transformer = transformer;
        Manifest = manifest;
    }

    /// <summary>The pipeline: the classifier followed by its feature-contribution calculator.</summary>
    public ITransformer Transformer { get; }

    public RiskModelManifest Manifest { get; }

    /// <summary>Loads <paramref name="modelFile"/> and its manifest; refuses a model built for another feature set.</summary>
    /// <exception cref="InvalidDataException">The manifest is missing, or names another feature set.</exception>
    public static RiskModel Load(string modelFile)
    {
        var manifestFile = RiskModelManifest.PathFor(modelFile);
        if (!File.Exists(modelFile))
        {
            throw new InvalidDataException($"risk model not found: {modelFile}");
        }
        if (!File.Exists(manifestFile))
        {
            throw new InvalidDataException($"risk model manifest not found: {manifestFile}");
        }
        var manifest = RiskModelManifest.Read(manifestFile);
        if (manifest.FeatureSetVersion != RiskFeatures.Version || !manifest.FeatureNames.SequenceEqual(RiskFeatures.Names))
        {
            throw new InvalidDataException(
                $"{manifestFile}: model {manifest.ModelVersion} was trained on feature set {manifest.FeatureSetVersion}; this build computes {RiskFeatures.Version}. Retrain the model.");
        }
        var ml = new MLContext(seed: 0);
        using var stream = File.OpenRead(modelFile);
        var transformer = ml.Model.Load(stream, out _);
        return new RiskModel(ml, transformer, manifest);
    }

    /// <summary>Wraps a model just trained (the training command evaluates through the same scorer as serving).</summary>
    public static RiskModel FromTrained(MLContext ml, ITransformer transformer, RiskModelManifest manifest) => new(ml, transformer, manifest);

    /// <summary>A new scorer with its own prediction engine: one per grain activation or thread.</summary>
    public RiskScorer CreateScorer() =>
        new(_ml.Model.CreatePredictionEngine<RiskModelInput, RiskModelOutput>(Transformer), Manifest);
}
