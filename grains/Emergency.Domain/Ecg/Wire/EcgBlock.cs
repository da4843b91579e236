namespace Emergency.Domain.Ecg.Wire;

/// <summary>
/// An ECG block that owns its samples: what the server keeps (ring, store) once a frame has been accepted.
/// <see cref="Samples"/>[lead][i] is in LSB; multiply by <see cref="MicrovoltsPerLsb"/> for µV.
/// </summary>
public sealed record EcgBlock(
    uint Seq,
    long StartUnixMs,
    int SampleRateHz,
    float MicrovoltsPerLsb,
    IReadOnlyList<EcgLead> Leads,
    IReadOnlyList<short[]> Samples)
{
    public int SamplesPerLead => Samples.Count == 0 ? 0 : Samples[0].Length;

    /// <summary>Unix ms just after the last sample.</summary>
    public long EndUnixMs => StartUnixMs + (long)Math.Round(SamplesPerLead * 1000.0 / SampleRateHz);

    public int IndexOf(EcgLead lead)
    {
        for (var i = 0; i < Leads.Count; i++)
        {
            if (Leads[i] == lead)
            {
                return i;
            }
        }
        return -1;
    }

    /// <summary>One lead in millivolts, or null when the block does not carry it.</summary>
    public double[]? Millivolts(EcgLead lead)
    {
        var index = IndexOf(lead);
        if (index < 0)
        {
            return null;
        }
        var raw = Samples[index];
        var mv = new double[raw.Length];
        for (var i = 0; i < raw.Length; i++)
        {
            mv[i] = raw[i] * MicrovoltsPerLsb / 1000.0;
        }
        return mv;
    }
}
