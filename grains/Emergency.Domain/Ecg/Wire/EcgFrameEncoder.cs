using System.Buffers.Binary;
using System.IO.Hashing;

namespace Emergency.Domain.Ecg.Wire;

/// <summary>Writes binary ECG frames (docs/contract.md, "ECG frames"); used by the simulator and the tests.</summary>
public static class EcgFrameEncoder
{
    /// <summary>
    /// Encodes samples (<paramref name="samples"/>[lead][i], LSB) for the given leads. Throws on input the decoder
    /// would refuse, so a device built on this never sends a bad frame.
    /// </summary>
    public static byte[] Encode(uint seq, long startUnixMs, int sampleRateHz, float microvoltsPerLsb,
        IReadOnlyList<EcgLead> leads, IReadOnlyList<short[]> samples)
    {
        if (leads.Count is 0 or > EcgFrameLayout.MaxLeads || samples.Count != leads.Count)
        {
            throw new ArgumentException($"{leads.Count} leads and {samples.Count} sample rows: need 1..{EcgFrameLayout.MaxLeads} of each");
        }
        var perLead = samples[0].Length;
        if (perLead is 0 or > EcgFrameLayout.MaxSamplesPerLead || samples.Any(s => s.Length != perLead))
        {
            throw new ArgumentException($"every lead needs the same 1..{EcgFrameLayout.MaxSamplesPerLead} samples");
        }
        if (sampleRateHz is < EcgFrameLayout.MinSampleRateHz or > EcgFrameLayout.MaxSampleRateHz)
        {
            throw new ArgumentOutOfRangeException(nameof(sampleRateHz), sampleRateHz, "sample rate out of range");
        }

        var frame = new byte[EcgFrameLayout.FrameBytes(leads.Count, perLead)];
        var span = frame.AsSpan();
        EcgFrameLayout.Magic.CopyTo(span);
        span[EcgFrameLayout.VersionOffset] = EcgFrameLayout.Version;
        span[EcgFrameLayout.LeadCountOffset] = (byte)leads.Count;
        BinaryPrimitives.WriteUInt16LittleEndian(span[EcgFrameLayout.SampleRateOffset..], (ushort)sampleRateHz);
        BinaryPrimitives.WriteUInt32LittleEndian(span[EcgFrameLayout.SeqOffset..], seq);
        BinaryPrimitives.WriteInt64LittleEndian(span[EcgFrameLayout.StartTimeOffset..], startUnixMs);
        BinaryPrimitives.WriteUInt16LittleEndian(span[EcgFrameLayout.SamplesPerLeadOffset..], (ushort)perLead);
        BinaryPrimitives.WriteSingleLittleEndian(span[EcgFrameLayout.ScaleOffset..], microvoltsPerLsb);
        var at = EcgFrameLayout.FixedHeaderBytes;
        foreach (var lead in leads)
        {
            span[at++] = (byte)lead;
        }
        foreach (var row in samples)
        {
            foreach (var value in row)
            {
                BinaryPrimitives.WriteInt16LittleEndian(span[at..], value);
                at += 2;
            }
        }
        BinaryPrimitives.WriteUInt32LittleEndian(span[at..], Crc32.HashToUInt32(span[..at]));
        return frame;
    }

    public static byte[] Encode(EcgBlock block) =>
        Encode(block.Seq, block.StartUnixMs, block.SampleRateHz, block.MicrovoltsPerLsb, block.Leads, block.Samples);
}
