using Emergency.Domain.Ecg.Wire;

namespace Emergency.Domain.Ecg.Synthesis;

/// <summary>What the synthetic 12-lead ECG looks like (<see cref="SyntheticEcg"/>).</summary>
public sealed record SyntheticEcgOptions
{
    public double HeartRateBpm { get; init; } = 75;
    public int SampleRateHz { get; init; } = 500;
    /// <summary>Standard deviation of white measurement noise, mV.</summary>
    public double NoiseMv { get; init; }
    /// <summary>Amplitude of respiratory baseline wander (0.25 Hz), mV.</summary>
    public double BaselineWanderMv { get; init; }
    /// <summary>Beat-to-beat variation of the RR interval (standard deviation as a fraction of RR).</summary>
    public double RrVariability { get; init; }
    /// <summary>Leads whose electrode is off: they read a flat line at 0.</summary>
    public IReadOnlySet<EcgLead> LeadsOff { get; init; } = new HashSet<EcgLead>();
    /// <summary>ST elevation (negative: depression) in mV per lead, from the J point to the end of the T wave.</summary>
    public IReadOnlyDictionary<EcgLead, double> StDeviationMv { get; init; } = new Dictionary<EcgLead, double>();
    public int Seed { get; init; } = 1;

    /// <summary>ST elevation in II, III and aVF: an inferior STEMI pattern.</summary>
    public static IReadOnlyDictionary<EcgLead, double> Inferior(double mv) =>
        new Dictionary<EcgLead, double> { [EcgLead.II] = mv, [EcgLead.III] = mv, [EcgLead.aVF] = mv };
}
