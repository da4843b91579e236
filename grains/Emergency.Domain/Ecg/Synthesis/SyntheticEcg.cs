using Emergency.Domain.Ecg.Wire;
using Emergency.Domain.Simulation;

namespace Emergency.Domain.Ecg.Synthesis;

/// <summary>
/// A synthetic 12-lead ECG: each beat is a sum of Gaussian waves (P, Q, R, S, T), the morphology of McSharry's
/// ECGSYN dynamical model (McSharry, Clifford, Tarassenko, Smith: "A dynamical model for generating synthetic
/// electrocardiogram signals", IEEE Trans Biomed Eng 50(3):289–294, 2003), written as a function of time since
/// each R peak rather than integrated as an ODE. QRS widths are fixed in ms and P/T positions scale with √RR
/// (Bazett), so the shape stays plausible from 40 to 200 bpm. Leads I and II are synthesised, III, aVR, aVL and
/// aVF follow from Einthoven's and Goldberger's equations, V1–V6 have their own amplitudes.
/// Optional noise, respiratory baseline wander, lead-off and ST deviation in chosen leads.
/// </summary>
public sealed class SyntheticEcg
{
    // Wave: centre (ms from R; P and T scaled by √RR), width σ (ms; P and T scaled), amplitude per lead (mV).
    private sealed record Wave(double CentreMs, double WidthMs, bool ScalesWithRr, double[] Amplitude);

    // Amplitudes for I, II, V1..V6 (mV); typical adult values.
    private static readonly Wave[] Waves =
    [
        new(-160, 22, true, [0.08, 0.15, 0.06, 0.08, 0.10, 0.10, 0.10, 0.08]),       // P
        new(-25, 7, false, [-0.05, -0.10, 0.00, 0.00, -0.02, -0.05, -0.10, -0.10]), // Q
        new(0, 9, false, [0.70, 1.20, 0.25, 0.60, 0.90, 1.30, 1.40, 1.10]),         // R
        new(25, 8, false, [-0.10, -0.20, -1.00, -1.40, -0.80, -0.40, -0.20, -0.10]), // S
        new(280, 45, true, [0.20, 0.30, 0.05, 0.40, 0.45, 0.40, 0.30, 0.25]),        // T
    ];

    /// <summary>J point: where the ST segment (and a simulated ST deviation) starts, ms after R.</summary>
    public const double JPointMs = 45;

    private readonly SyntheticEcgOptions _options;
    private readonly Random _random;
    private readonly List<double> _beatsMs = [];
    private long _sample;

    public SyntheticEcg(SyntheticEcgOptions options)
    {
        if (options.HeartRateBpm is < 20 or > 300) throw new ArgumentOutOfRangeException(nameof(options), "heart rate 20-300 bpm");
        _options = options;
        _random = new Random(options.Seed);
        _beatsMs.Add(-RrMs() / 2);
        _beatsMs.Add(_beatsMs[0] + RrMs());
    }

    public SyntheticEcgOptions Options => _options;

    /// <summary>The next <paramref name="samplesPerLead"/> samples of all 12 leads, in mV.</summary>
    public double[][] NextMillivolts(int samplesPerLead)
    {
        var leads = new double[12][];
        for (var l = 0; l < 12; l++) leads[l] = new double[samplesPerLead];
        var periodMs = 1000.0 / _options.SampleRateHz;
        Span<double> basis = stackalloc double[8]; // I, II, V1..V6
        Span<double> values = stackalloc double[12];
        for (var i = 0; i < samplesPerLead; i++, _sample++)
        {
            var tMs = _sample * periodMs;
            while (_beatsMs[^1] < tMs + 1000) _beatsMs.Add(_beatsMs[^1] + RrMs());
            while (_beatsMs.Count > 3 && _beatsMs[1] < tMs - 2000)
            {
                _beatsMs.RemoveAt(0); // beats long past contribute nothing
            }
            basis.Clear();
            double stShape = 0;
            foreach (var beat in _beatsMs)
            {
                var dt = tMs - beat;
                if (dt < -600 || dt > 900) continue;
                var rr = RrAt(beat);
                var scale = Math.Sqrt(rr / 1000.0);
                foreach (var wave in Waves)
                {
                    var centre = wave.ScalesWithRr ? wave.CentreMs * scale : wave.CentreMs;
                    var width = wave.ScalesWithRr ? wave.WidthMs * scale : wave.WidthMs;
                    var g = Math.Exp(-((dt - centre) * (dt - centre)) / (2 * width * width));
                    for (var b = 0; b < 8; b++) basis[b] += wave.Amplitude[b] * g;
                }
                stShape = Math.Max(stShape, StWindow(dt, scale));
            }
            var lead1 = basis[0];
            var lead2 = basis[1];
            (values[0], values[1], values[2]) = (lead1, lead2, lead2 - lead1);
            (values[3], values[4], values[5]) = (-(lead1 + lead2) / 2, lead1 - (lead2 / 2), lead2 - (lead1 / 2));
            basis[2..].CopyTo(values[6..]);
            var wander = _options.BaselineWanderMv * Math.Sin(2 * Math.PI * 0.25 * tMs / 1000.0);
            for (var l = 0; l < 12; l++)
            {
                var lead = (EcgLead)l;
                if (_options.LeadsOff.Contains(lead))
                {
                    leads[l][i] = 0;
                    continue;
                }
                var st = _options.StDeviationMv.TryGetValue(lead, out var deviation) ? deviation * stShape : 0;
                leads[l][i] = values[l] + st + wander + (_options.NoiseMv * _random.NextGaussian());
            }
        }
        return leads;
    }

    /// <summary>The next block as LSB at <paramref name="microvoltsPerLsb"/>, ready to encode.</summary>
    public EcgBlock NextBlock(uint seq, long startUnixMs, int samplesPerLead, float microvoltsPerLsb = 2.5f)
    {
        var mv = NextMillivolts(samplesPerLead);
        var samples = mv.Select(lead => lead.Select(v => (short)Math.Clamp(Math.Round(v * 1000 / microvoltsPerLsb), short.MinValue, short.MaxValue)).ToArray()).ToArray();
        return new EcgBlock(seq, startUnixMs, _options.SampleRateHz, microvoltsPerLsb, EcgLeads.Standard12, samples);
    }

    /// <summary>1 on the ST segment and T wave (J point to T end), with 10 ms ramps; 0 elsewhere.</summary>
    private static double StWindow(double dt, double scale)
    {
        var end = (280 + 90) * scale;
        if (dt < JPointMs - 5 || dt > end + 10) return 0;
        if (dt < JPointMs + 5) return (dt - (JPointMs - 5)) / 10;
        if (dt > end) return 1 - ((dt - end) / 10);
        return 1;
    }

    private double RrMs()
    {
        var rr = 60_000.0 / _options.HeartRateBpm;
        return _options.RrVariability > 0 ? rr * (1 + (_options.RrVariability * _random.NextGaussian())) : rr;
    }

    private double RrAt(double beat)
    {
        var index = _beatsMs.IndexOf(beat);
        return index >= 0 && index + 1 < _beatsMs.Count ? _beatsMs[index + 1] - beat : 60_000.0 / _options.HeartRateBpm;
    }
}
