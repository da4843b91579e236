using System.Collections.Immutable;
using Emergency.Domain.Risk;
using Microsoft.ML;

namespace Emergency.Risk;

/// <summary>
/// Scores feature rows with one <see cref="PredictionEngine{TSrc,TDst}"/>. Not thread-safe (neither is the engine):
/// one per patient grain activation. Reuses its input and output rows between calls.
/// </summary>
public sealed class RiskScorer : IDisposable
{
    private readonly PredictionEngine<RiskModelInput, RiskModelOutput> _engine;
    private readonly RiskModelInput _input = new();
    private readonly float[] _features = new float[RiskFeatures.Count];
    private RiskModelOutput _output = new();

    internal RiskScorer(PredictionEngine<RiskModelInput, RiskModelOutput> engine, RiskModelManifest manifest)
    {
        _engine = engine;
        Manifest = manifest;
    }

    public RiskModelManifest Manifest { get; }

    /// <summary>The features of the last call, in model order (for tests and inspection).</summary>
    public ReadOnlySpan<float> LastFeatures => _features;

    /// <summary>The model's probability for <paramref name="features"/>.</summary>
    public float Probability(ReadOnlySpan<float> features)
    {
        features.CopyTo(_features);
        RiskModelInput.Encode(_features, _input.Features);
        _engine.Predict(_input, ref _output);
        return _output.Probability;
    }

    /// <summary>Builds the features for <paramref name="atMs"/> and scores them, with the top contributing features.</summary>
    public RiskAssessment Assess(IReadOnlyList<Domain.Vitals.VitalsSample> samples, in RiskContext context, long atMs, double threshold, int topFactors)
    {
        RiskFeatureBuilder.Build(samples, context, atMs, _features);
        RiskModelInput.Encode(_features, _input.Features);
        _engine.Predict(_input, ref _output);
        return new RiskAssessment(
            _output.Probability,
            Manifest.ModelVersion,
            Manifest.TrainedOn,
            DateTimeOffset.FromUnixTimeMilliseconds(atMs),
            _output.Probability >= threshold,
            TopFactors(topFactors));
    }

    private ImmutableArray<RiskFactor> TopFactors(int count)
    {
        var contributions = _output.FeatureContributions;
        if (count <= 0 || contributions.Length != RiskFeatures.Count)
        {
            return [];
        }
        Span<int> best = stackalloc int[Math.Min(count, RiskFeatures.Count)];
        var found = 0;
        for (var i = 0; i < contributions.Length; i++)
        {
            if (!(contributions[i] > 0)) continue;
            // Insertion into a short sorted list: count is a handful.
            var at = found < best.Length ? found++ : best.Length;
            while (at > 0 && contributions[best[at - 1]] < contributions[i])
            {
                if (at < best.Length) best[at] = best[at - 1];
                at--;
            }
            if (at < best.Length) best[at] = i;
        }
        var factors = ImmutableArray.CreateBuilder<RiskFactor>(found);
        for (var k = 0; k < found; k++)
        {
            var i = best[k];
            var value = _features[i];
            factors.Add(new RiskFactor(RiskFeatures.Names[i], contributions[i], float.IsNaN(value) ? null : value));
        }
        return factors.MoveToImmutable();
    }

    public void Dispose() => _engine.Dispose();
}
