namespace Emergency.Domain.Ecg.Analysis;

/// <summary>
/// QRS detection after Pan and Tompkins ("A real-time QRS detection algorithm", IEEE Trans Biomed Eng
/// 32(3):230–236, 1985): band-pass 5–15 Hz, five-point derivative, squaring, 150 ms moving-window integration,
/// adaptive signal and noise thresholds, a 200 ms refractory period, T-wave discrimination by slope within 360 ms,
/// and search-back at half the threshold when no beat came for 1.66 mean RR. Works offline on a buffer (a few
/// seconds of one lead); returns the R peaks located on the signal itself.
/// </summary>
public static class QrsDetector
{
    public static IReadOnlyList<int> Detect(ReadOnlySpan<double> mv, int sampleRateHz)
    {
        var fs = (double)sampleRateHz;
        var n = mv.Length;
        if (n < fs) return [];

        // Band-pass (two high-pass and two low-pass sections), run forward and backward for zero phase, so peaks
        // of the filtered signal line up with the QRS.
        var band = new double[n];
        for (var i = 0; i < n; i++) band[i] = mv[i];
        ZeroPhase(band, () => [Biquad.HighPass(5, fs), Biquad.HighPass(5, fs), Biquad.LowPass(15, fs), Biquad.LowPass(15, fs)]);

        var step = Math.Max(1, (int)Math.Round(fs / 200)); // the 5-point derivative as designed for 200 Hz
        var squared = new double[n];
        for (var i = 4 * step; i < n; i++)
        {
            var d = ((2 * band[i]) + band[i - step] - band[i - (3 * step)] - (2 * band[i - (4 * step)])) / 8;
            squared[i] = d * d;
        }
        var window = (int)Math.Round(0.150 * fs);
        var integrated = new double[n];
        double sum = 0;
        for (var i = 0; i < n; i++)
        {
            sum += squared[i];
            if (i >= window) sum -= squared[i - window];
            integrated[i] = sum / window;
        }

        // Candidate peaks of the integrated signal, at least 200 ms apart (the refractory period).
        var refractory = (int)Math.Round(0.200 * fs);
        var peaks = new List<int>();
        for (var i = 1; i < n - 1; i++)
        {
            if (integrated[i] > integrated[i - 1] && integrated[i] >= integrated[i + 1])
            {
                if (peaks.Count > 0 && i - peaks[^1] < refractory)
                {
                    if (integrated[i] > integrated[peaks[^1]]) peaks[^1] = i;
                    continue;
                }
                peaks.Add(i);
            }
        }
        if (peaks.Count == 0) return [];

        // Learning phase: the first 2 s set the thresholds.
        var learn = Math.Min(n, (int)(2 * fs));
        double spki = 0, npki = 0;
        for (var i = 0; i < learn; i++) spki = Math.Max(spki, integrated[i]);
        spki *= 0.25;
        for (var i = 0; i < learn; i++) npki += integrated[i];
        npki = npki / learn * 0.5;

        var beats = new List<int>();
        var slopes = new List<double>();
        double meanRr = 0;
        var lastSearched = 0;
        foreach (var peak in peaks)
        {
            var threshold = npki + (0.25 * (spki - npki));
            var value = integrated[peak];
            if (value > threshold && IsQrs(peak))
            {
                Accept(peak, value, searchBack: false);
            }
            else
            {
                npki = (0.125 * value) + (0.875 * npki);
            }

            // Search back: a long pause means a missed beat; take the largest peak above half the threshold.
            if (beats.Count >= 2 && meanRr > 0 && peak - beats[^1] > 1.66 * meanRr)
            {
                var best = -1;
                foreach (var candidate in peaks)
                {
                    if (candidate <= beats[^1] + refractory || candidate >= peak || candidate <= lastSearched) continue;
                    if (integrated[candidate] > threshold / 2 && (best < 0 || integrated[candidate] > integrated[best])) best = candidate;
                }
                lastSearched = peak;
                if (best >= 0) Accept(best, integrated[best], searchBack: true);
            }
        }

        var located = new SortedSet<int>();
        foreach (var beat in beats) located.Add(LocateR(mv, beat, window));
        return [.. located];

        bool IsQrs(int peak)
        {
            if (beats.Count == 0 || peak - beats[^1] > 0.360 * fs) return true;
            // Within 360 ms of the last beat: a T wave unless its slope is at least half the last QRS's.
            return MaxSlope(peak) >= 0.5 * slopes[^1];
        }

        double MaxSlope(int peak)
        {
            double max = 0;
            for (var i = Math.Max(0, peak - window); i <= peak; i++) max = Math.Max(max, squared[i]);
            return max;
        }

        void Accept(int peak, double value, bool searchBack)
        {
            spki = searchBack ? (0.25 * value) + (0.75 * spki) : (0.125 * value) + (0.875 * spki);
            var insert = beats.BinarySearch(peak);
            if (insert >= 0) return;
            beats.Insert(~insert, peak);
            slopes.Insert(~insert, MaxSlope(peak));
            if (beats.Count >= 2)
            {
                var recent = beats.Skip(Math.Max(0, beats.Count - 9)).ToList();
                meanRr = (recent[^1] - recent[0]) / (double)(recent.Count - 1);
            }
        }
    }

    /// <summary>Heart rate from R peaks: 60 000 / median RR, or null with fewer than two beats.</summary>
    public static double? HeartRate(IReadOnlyList<int> rPeaks, int sampleRateHz)
    {
        if (rPeaks.Count < 2) return null;
        var rr = new double[rPeaks.Count - 1];
        for (var i = 1; i < rPeaks.Count; i++) rr[i - 1] = (rPeaks[i] - rPeaks[i - 1]) * 1000.0 / sampleRateHz;
        Array.Sort(rr);
        var median = rr.Length % 2 == 1 ? rr[rr.Length / 2] : (rr[(rr.Length / 2) - 1] + rr[rr.Length / 2]) / 2;
        return 60_000.0 / median;
    }

    /// <summary>The R peak: the largest deviation of the signal from its local level in the integration window before the peak.</summary>
    private static int LocateR(ReadOnlySpan<double> mv, int integratedPeak, int window)
    {
        var from = Math.Max(0, integratedPeak - window - (window / 4));
        var to = Math.Min(mv.Length - 1, integratedPeak);
        double mean = 0;
        for (var i = from; i <= to; i++) mean += mv[i];
        mean /= to - from + 1;
        var best = from;
        for (var i = from; i <= to; i++)
        {
            if (Math.Abs(mv[i] - mean) > Math.Abs(mv[best] - mean)) best = i;
        }
        return best;
    }

    private static void ZeroPhase(double[] signal, Func<Biquad[]> sections)
    {
        foreach (var section in sections())
        {
            for (var i = 0; i < signal.Length; i++) signal[i] = section.Next(signal[i]);
        }
        foreach (var section in sections())
        {
            for (var i = signal.Length - 1; i >= 0; i--) signal[i] = section.Next(signal[i]);
        }
    }
}
