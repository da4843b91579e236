using Emergency.Domain.Ecg.Wire;

namespace Emergency.Domain.Ecg.Analysis;

/// <summary>
/// Analyses a few seconds of 12-lead ECG: QRS detection (<see cref="QrsDetector"/>) on lead II, or on the lead with
/// the most signal when II is off; heart rate against the monitor's; leads off (flat or railed); ST per lead
/// (<see cref="StMeasurement"/>); the STEMI criteria (<see cref="StemiCriteria"/>).
/// </summary>
public static class EcgAnalyzer
{
    /// <summary>QRS rate and monitor HR may differ by this much (bpm) or this fraction, whichever is larger.</summary>
    public const double HeartRateToleranceBpm = 10;
    public const double HeartRateToleranceFraction = 0.15;

    /// <summary>A lead whose peak-to-peak swing is below this (mV) over the window is taken to be off.</summary>
    public const double FlatLineMv = 0.02;

    public static EcgFindings Analyse(IReadOnlyDictionary<EcgLead, double[]> leads, int sampleRateHz, long atUnixMs,
        double? monitorHeartRate, string? sex = null, int? ageYears = null)
    {
        var off = new HashSet<EcgLead>();
        foreach (var (lead, samples) in leads)
        {
            if (samples.Length == 0 || samples.Max() - samples.Min() < FlatLineMv || Railed(samples)) off.Add(lead);
        }
        var on = leads.Where(l => !off.Contains(l.Key)).ToDictionary(l => l.Key, l => l.Value);
        var detectOn = on.ContainsKey(EcgLead.II) ? EcgLead.II
            : on.Count > 0 ? on.MaxBy(l => l.Value.Max() - l.Value.Min()).Key : (EcgLead?)null;
        IReadOnlyList<int> peaks = detectOn is { } lead2 ? QrsDetector.Detect(on[lead2], sampleRateHz) : [];
        var rate = QrsDetector.HeartRate(peaks, sampleRateHz);
        var disagrees = monitorHeartRate is { } monitor && (rate is null
            || Math.Abs(rate.Value - monitor) > Math.Max(HeartRateToleranceBpm, HeartRateToleranceFraction * monitor));
        var st = StMeasurement.Measure(on, sampleRateHz, peaks);
        var stemi = StemiCriteria.Assess(st, sex, ageYears, off);
        return new EcgFindings(atUnixMs, rate, peaks.Count, monitorHeartRate, disagrees, [.. off.Order()], st, stemi);
    }

    /// <summary>Millivolt series of the leads in time order across blocks (blocks assumed contiguous).</summary>
    public static Dictionary<EcgLead, double[]> Concatenate(IEnumerable<EcgBlock> blocks)
    {
        var parts = new Dictionary<EcgLead, List<double>>();
        foreach (var block in blocks.OrderBy(b => b.StartUnixMs))
        {
            foreach (var lead in block.Leads)
            {
                if (!parts.TryGetValue(lead, out var list)) parts[lead] = list = [];
                list.AddRange(block.Millivolts(lead)!);
            }
        }
        return parts.ToDictionary(p => p.Key, p => p.Value.ToArray());
    }

    private static bool Railed(double[] samples)
    {
        // Half the window at the int16 limit of the usual scales: an amplifier saturated by a lead off.
        var railed = samples.Count(v => Math.Abs(v) > 80);
        return railed > samples.Length / 2;
    }
}
