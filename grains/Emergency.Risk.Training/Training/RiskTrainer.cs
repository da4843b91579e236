using Emergency.Domain.Risk;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers.FastTree;

namespace Emergency.Risk.Training.Training;

/// <summary>
/// Trains the deterioration classifier: ML.NET FastTree (managed gradient-boosted trees, NaN as missing), whose
/// binary trainer fits a Platt calibrator on the training rows so the output is a probability, followed by a
/// feature-contribution calculator so each estimate can name its top factors.
/// </summary>
/// <remarks>FastTree rather than LightGbm: it restores and runs from managed code plus ML.NET's own small native
/// helper, while LightGbm needs the native lib_lightgbm and libgomp on every host that serves the model.</remarks>
public static class RiskTrainer
{
    public static ITransformer Train(MLContext ml, IReadOnlyList<FeatureRow> rows, TrainOptions options)
    {
        var data = ml.Data.LoadFromEnumerable(rows.Select(r => RiskModelInput.From(r.Features, r.Label)));
        var trainer = ml.BinaryClassification.Trainers.FastTree(new FastTreeBinaryTrainer.Options
        {
            LabelColumnName = nameof(RiskModelInput.Label),
            FeatureColumnName = nameof(RiskModelInput.Features),
            NumberOfTrees = options.Trees,
            NumberOfLeaves = options.Leaves,
            MinimumExampleCountPerLeaf = options.MinRowsPerLeaf,
            LearningRate = options.LearningRate,
            Seed = options.Seed,
            // One thread: results do not depend on how many cores the machine has free.
            NumberOfThreads = 1,
        });
        var model = trainer.Fit(data);
        var contributions = ml.Transforms.CalculateFeatureContribution(model, numberOfPositiveContributions: RiskFeatures.Count,
            numberOfNegativeContributions: 0, normalize: false).Fit(model.Transform(data));
        return new TransformerChain<ITransformer>([model, contributions]);
    }

    public static void Save(MLContext ml, ITransformer model, string path)
    {
        var schema = ml.Data.LoadFromEnumerable(Array.Empty<RiskModelInput>()).Schema;
        using var stream = File.Create(path);
        ml.Model.Save(model, schema, stream);
    }
}
