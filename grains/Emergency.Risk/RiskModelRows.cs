using Emergency.Domain.Risk;
using Microsoft.ML.Data;

namespace Emergency.Risk;

/// <summary>One model input row: the features of <see cref="RiskFeatureBuilder"/> and, for training, the label.</summary>
public sealed class RiskModelInput
{
    /// <summary>
    /// What a missing feature (NaN from the builder) becomes in the model: FastTree drops rows with NaN, and a value
    /// far below every real one lets each tree split "missing" off on its own.
    /// </summary>
    public const float Missing = -9999f;

    /// <summary>Copies builder features into model input, missing values as <see cref="Missing"/>.</summary>
    public static void Encode(ReadOnlySpan<float> features, Span<float> input)
    {
        for (var i = 0; i < features.Length; i++)
        {
            input[i] = float.IsNaN(features[i]) ? Missing : features[i];
        }
    }

    public static RiskModelInput From(ReadOnlySpan<float> features, bool label)
    {
        var input = new RiskModelInput { Label = label };
        Encode(features, input.Features);
        return input;
    }

    [VectorType(RiskFeatures.Count)]
    public float[] Features { get; set; } = new float[RiskFeatures.Count];

    public bool Label { get; set; }
}

/// <summary>What the model gives back for one row.</summary>
public sealed class RiskModelOutput
{
    /// <summary>Calibrated probability of a deterioration event within 30 minutes.</summary>
    public float Probability { get; set; }

    /// <summary>Raw tree-ensemble score.</summary>
    public float Score { get; set; }

    public bool PredictedLabel { get; set; }

    /// <summary>Each feature's contribution to <see cref="Score"/>, in feature order.</summary>
    public float[] FeatureContributions { get; set; } = [];
}
