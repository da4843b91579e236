namespace Emergency.Risk.Training.Evaluation;

/// <summary>
/// 95 % confidence intervals by resampling patients with replacement (rows of one patient are not independent):
/// each resample weights a patient's rows by how often it was drawn. Percentile intervals.
/// </summary>
public static class PatientBootstrap
{
    public static (Interval Auroc, Interval Auprc) Intervals(RankMetrics metrics, int[] patientOfRow, int patients, int resamples, int seed,
        Action<int>? progress = null)
    {
        var (auroc, auprc) = metrics.Compute();
        var aurocs = new List<double>(resamples);
        var auprcs = new List<double>(resamples);
        var random = new Random(seed);
        var draws = new int[patients];
        for (var b = 0; b < resamples; b++)
        {
            Array.Clear(draws);
            for (var i = 0; i < patients; i++) draws[random.Next(patients)]++;
            var (roc, pr) = metrics.Compute(row => draws[patientOfRow[row]]);
            if (!double.IsNaN(roc)) aurocs.Add(roc);
            if (!double.IsNaN(pr)) auprcs.Add(pr);
            progress?.Invoke(b + 1);
        }
        return (Percentiles(auroc, aurocs), Percentiles(auprc, auprcs));
    }

    private static Interval Percentiles(double value, List<double> samples)
    {
        if (samples.Count == 0) return new Interval(value, double.NaN, double.NaN);
        samples.Sort();
        double At(double q) => samples[(int)Math.Clamp(Math.Round(q * (samples.Count - 1)), 0, samples.Count - 1)];
        return new Interval(value, At(0.025), At(0.975));
    }
}
