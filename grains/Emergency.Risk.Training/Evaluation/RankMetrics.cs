namespace Emergency.Risk.Training.Evaluation;

/// <summary>
/// AUROC and AUPRC (average precision) of a score against labels, with a weight per row so that a patient bootstrap
/// is one pass over rows sorted once. Ties in the score are handled as one threshold.
/// </summary>
public sealed class RankMetrics
{
    private readonly int[] _order;
    private readonly float[] _scores;
    private readonly bool[] _labels;

    public RankMetrics(float[] scores, bool[] labels)
    {
        _scores = scores;
        _labels = labels;
        _order = Enumerable.Range(0, scores.Length).ToArray();
        Array.Sort(_order, (a, b) => scores[b].CompareTo(scores[a])); // descending
    }

    /// <summary>(AUROC, AUPRC) with every row weighted by <paramref name="weight"/>(row); NaN when a class is empty.</summary>
    public (double Auroc, double Auprc) Compute(Func<int, double>? weight = null)
    {
        double totalPos = 0, totalNeg = 0;
        foreach (var i in _order)
        {
            var w = weight?.Invoke(i) ?? 1;
            if (_labels[i]) totalPos += w; else totalNeg += w;
        }
        if (totalPos <= 0 || totalNeg <= 0) return (double.NaN, double.NaN);

        double tp = 0, fp = 0, aucSum = 0, ap = 0, prevRecall = 0;
        var k = 0;
        while (k < _order.Length)
        {
            var s = _scores[_order[k]];
            double groupPos = 0, groupNeg = 0;
            while (k < _order.Length && _scores[_order[k]] == s)
            {
                var i = _order[k++];
                var w = weight?.Invoke(i) ?? 1;
                if (_labels[i]) groupPos += w; else groupNeg += w;
            }
            // Negatives in this group rank below the positives seen so far and tie with this group's positives.
            aucSum += groupNeg * (tp + 0.5 * groupPos);
            tp += groupPos;
            fp += groupNeg;
            if (groupPos > 0)
            {
                var recall = tp / totalPos;
                ap += (recall - prevRecall) * (tp / (tp + fp));
                prevRecall = recall;
            }
        }
        return (aucSum / (totalPos * totalNeg), ap);
    }
}
