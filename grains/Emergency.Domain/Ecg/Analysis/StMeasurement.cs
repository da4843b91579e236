using Emergency.Domain.Ecg.Wire;

namespace Emergency.Domain.Ecg.Analysis;

/// <summary>
/// ST deviation per lead: the level at J+60 ms against the PR-segment baseline (80–50 ms before R), the median over
/// the beats. The J point is found once per beat for all leads, as the first moment after the QRS where the summed
/// slope of every lead falls to a fifth of its QRS peak (the end of the QRS in all leads together).
/// </summary>
public static class StMeasurement
{
    public const double JOffsetMs = 60;

    public static IReadOnlyDictionary<EcgLead, double> Measure(IReadOnlyDictionary<EcgLead, double[]> leads, int sampleRateHz, IReadOnlyList<int> rPeaks)
    {
        var fs = (double)sampleRateHz;
        int Ms(double ms) => (int)Math.Round(ms * fs / 1000);
        var result = new Dictionary<EcgLead, double>();
        if (leads.Count == 0 || rPeaks.Count == 0) return result;
        var n = leads.First().Value.Length;

        // Summed absolute slope over all leads, smoothed over 10 ms.
        var slope = new double[n];
        foreach (var lead in leads.Values)
        {
            for (var i = 1; i < n; i++) slope[i] += Math.Abs(lead[i] - lead[i - 1]);
        }
        var smooth = Smooth(slope, Math.Max(1, Ms(10)));

        var perLead = leads.Keys.ToDictionary(l => l, _ => new List<double>());
        foreach (var r in rPeaks)
        {
            var baselineFrom = r - Ms(80);
            var baselineTo = r - Ms(50);
            var searchTo = r + Ms(120);
            if (baselineFrom < 0 || searchTo + Ms(JOffsetMs + 4) >= n) continue;
            double peak = 0;
            for (var i = r - Ms(40); i <= r + Ms(40); i++) peak = Math.Max(peak, smooth[i]);
            var j = r + Ms(60); // fallback: a QRS that never settles
            for (var i = r + Ms(20); i <= searchTo; i++)
            {
                if (smooth[i] < peak / 5)
                {
                    j = i;
                    break;
                }
            }
            var at = j + Ms(JOffsetMs);
            foreach (var (lead, samples) in leads)
            {
                perLead[lead].Add(Mean(samples, at - Ms(4), at + Ms(4)) - Mean(samples, baselineFrom, baselineTo));
            }
        }
        foreach (var (lead, values) in perLead)
        {
            if (values.Count == 0) continue;
            values.Sort();
            result[lead] = values[values.Count / 2];
        }
        return result;
    }

    private static double Mean(double[] samples, int from, int to)
    {
        double sum = 0;
        for (var i = from; i <= to; i++) sum += samples[i];
        return sum / (to - from + 1);
    }

    private static double[] Smooth(double[] values, int width)
    {
        var smooth = new double[values.Length];
        double sum = 0;
        for (var i = 0; i < values.Length; i++)
        {
            sum += values[i];
            if (i >= width) sum -= values[i - width];
            smooth[Math.Max(0, i - (width / 2))] = sum / width;
        }
        return smooth;
    }
}
