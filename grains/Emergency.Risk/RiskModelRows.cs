using Emergency.Domain.Risk;
using Microsoft.ML.Data;

namespace Emergency.Risk;

/// <summary>One model input row: the features of <see cref="RiskFeatureBuilder"/> and, for training, the label.</summary>
public sealed class RiskModelInput
{
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
