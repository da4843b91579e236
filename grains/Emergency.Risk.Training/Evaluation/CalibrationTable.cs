namespace Emergency.Risk.Training.Evaluation;

/// <summary>One band of predicted probability: how many rows, the mean prediction, and how often the event followed.</summary>
public sealed record CalibrationBin(double From, double To, int Rows, double MeanPredicted, double Observed);

public static class CalibrationTable
{
    /// <summary>Ten bands of predicted probability (0–0.1, …, 0.9–1.0); empty bands are left out.</summary>
    public static IReadOnlyList<CalibrationBin> Of(float[] probabilities, bool[] labels, int bins = 10)
    {
        var count = new int[bins];
        var sum = new double[bins];
        var events = new int[bins];
        for (var i = 0; i < probabilities.Length; i++)
        {
            var b = Math.Clamp((int)(probabilities[i] * bins), 0, bins - 1);
            count[b]++;
            sum[b] += probabilities[i];
            if (labels[i]) events[b]++;
        }
        var table = new List<CalibrationBin>();
        for (var b = 0; b < bins; b++)
        {
            if (count[b] == 0) continue;
            table.Add(new CalibrationBin((double)b / bins, (double)(b + 1) / bins, count[b], sum[b] / count[b], (double)events[b] / count[b]));
        }
        return table;
    }
}
