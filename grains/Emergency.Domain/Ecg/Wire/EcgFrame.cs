using System.Buffers;
using System.Buffers.Binary;

namespace Emergency.Domain.Ecg.Wire;

/// <summary>
/// A decoded ECG frame. The sample block stays in the received buffer (<see cref="SampleBlock"/> is a slice of it,
/// lead after lead, int16 little-endian); samples are read straight from there, so the frame is valid only while
/// that buffer is.
/// </summary>
public readonly struct EcgFrame
{
    private readonly EcgLead[] _leads;

    internal EcgFrame(uint seq, long startUnixMs, int sampleRateHz, int samplesPerLead, float microvoltsPerLsb,
        EcgLead[] leads, ReadOnlySequence<byte> sampleBlock)
    {
        Seq = seq;
        StartUnixMs = startUnixMs;
        SampleRateHz = sampleRateHz;
        SamplesPerLead = samplesPerLead;
        MicrovoltsPerLsb = microvoltsPerLsb;
        _leads = leads;
        SampleBlock = sampleBlock;
    }

    public uint Seq { get; }
    public long StartUnixMs { get; }
    public int SampleRateHz { get; }
    public int SamplesPerLead { get; }
    public float MicrovoltsPerLsb { get; }
    public IReadOnlyList<EcgLead> Leads => _leads;
    public ReadOnlySequence<byte> SampleBlock { get; }

    /// <summary>Milliseconds the frame covers.</summary>
    public double DurationMs => SamplesPerLead * 1000.0 / SampleRateHz;

    /// <summary>Reads one lead's raw samples (LSB) into <paramref name="destination"/>.</summary>
    public void ReadLead(int leadIndex, Span<short> destination)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(leadIndex);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(leadIndex, _leads.Length);
        if (destination.Length < SamplesPerLead)
        {
            throw new ArgumentException($"destination holds {destination.Length} samples, the lead has {SamplesPerLead}", nameof(destination));
        }

        var lead = SampleBlock.Slice((long)leadIndex * SamplesPerLead * sizeof(short), SamplesPerLead * sizeof(short));
        if (lead.IsSingleSegment)
        {
            var span = lead.FirstSpan;
            for (var i = 0; i < SamplesPerLead; i++)
            {
                destination[i] = BinaryPrimitives.ReadInt16LittleEndian(span.Slice(i * 2, 2));
            }
            return;
        }

        var reader = new SequenceReader<byte>(lead);
        for (var i = 0; i < SamplesPerLead; i++)
        {
            reader.TryReadLittleEndian(out short value);
            destination[i] = value;
        }
    }

    /// <summary>Copies the frame out of the receive buffer into a block that owns its samples.</summary>
    public EcgBlock ToBlock()
    {
        var samples = new short[_leads.Length][];
        for (var l = 0; l < _leads.Length; l++)
        {
            samples[l] = new short[SamplesPerLead];
            ReadLead(l, samples[l]);
        }
        return new EcgBlock(Seq, StartUnixMs, SampleRateHz, MicrovoltsPerLsb, [.. _leads], samples);
    }
}
