using System.Buffers;
using System.IO.Hashing;

namespace Emergency.Domain.Ecg.Wire;

/// <summary>
/// Decodes one binary ECG frame (docs/contract.md, "ECG frames") from a <see cref="ReadOnlySequence{T}"/>, which may
/// span several buffers (an MQTT payload, a pipe read). The header is read with a <see cref="SequenceReader{T}"/>;
/// the sample block is checked by its CRC and handed on as a slice, never copied. Shared by the MQTT path and the
/// raw socket gateway.
/// </summary>
public static class EcgFrameDecoder
{
    public static bool TryDecode(ReadOnlySequence<byte> frame, out EcgFrame decoded, out EcgRefusal refusal)
    {
        decoded = default;
        if (frame.Length > EcgFrameLayout.MaxFrameBytes)
        {
            refusal = new(EcgRefusalReason.Oversize, $"frame of {frame.Length} bytes exceeds the limit of {EcgFrameLayout.MaxFrameBytes}");
            return false;
        }
        if (frame.Length < EcgFrameLayout.FixedHeaderBytes)
        {
            refusal = new(EcgRefusalReason.ShortHeader, $"frame of {frame.Length} bytes is shorter than the {EcgFrameLayout.FixedHeaderBytes}-byte header");
            return false;
        }

        var reader = new SequenceReader<byte>(frame);
        if (!reader.IsNext(EcgFrameLayout.Magic, advancePast: true))
        {
            refusal = new(EcgRefusalReason.BadMagic, "frame does not start with the magic \"ECG1\"");
            return false;
        }
        reader.TryRead(out byte version);
        if (version != EcgFrameLayout.Version)
        {
            refusal = new(EcgRefusalReason.UnsupportedVersion, $"version {version} is not supported (expected {EcgFrameLayout.Version})");
            return false;
        }
        reader.TryRead(out byte leadCount);
        reader.TryReadLittleEndian(out short rawRate);
        reader.TryReadLittleEndian(out int rawSeq);
        reader.TryReadLittleEndian(out long startUnixMs);
        reader.TryReadLittleEndian(out short rawSamples);
        reader.TryReadLittleEndian(out int rawScale);
        int sampleRate = (ushort)rawRate;
        int samplesPerLead = (ushort)rawSamples;
        float scale = BitConverter.Int32BitsToSingle(rawScale);

        if (leadCount is 0 or > EcgFrameLayout.MaxLeads)
        {
            refusal = new(EcgRefusalReason.BadLeadCount, $"lead count {leadCount} is outside 1..{EcgFrameLayout.MaxLeads}");
            return false;
        }
        if (sampleRate is < EcgFrameLayout.MinSampleRateHz or > EcgFrameLayout.MaxSampleRateHz)
        {
            refusal = new(EcgRefusalReason.BadSampleRate, $"sample rate {sampleRate} Hz is outside {EcgFrameLayout.MinSampleRateHz}..{EcgFrameLayout.MaxSampleRateHz}");
            return false;
        }
        if (samplesPerLead is 0 or > EcgFrameLayout.MaxSamplesPerLead)
        {
            refusal = new(EcgRefusalReason.BadSamplesPerLead, $"samples per lead {samplesPerLead} is outside 1..{EcgFrameLayout.MaxSamplesPerLead}");
            return false;
        }
        if (!float.IsFinite(scale) || scale <= 0f || scale > EcgFrameLayout.MaxScaleMicrovolts)
        {
            refusal = new(EcgRefusalReason.BadScale, $"scale {scale} µV per LSB is outside (0, {EcgFrameLayout.MaxScaleMicrovolts}]");
            return false;
        }

        var expected = EcgFrameLayout.FrameBytes(leadCount, samplesPerLead);
        if (frame.Length != expected)
        {
            refusal = new(EcgRefusalReason.SampleCountMismatch,
                $"frame of {frame.Length} bytes does not match {leadCount} leads × {samplesPerLead} samples ({expected} bytes)");
            return false;
        }

        var leads = new EcgLead[leadCount];
        Span<bool> seen = stackalloc bool[EcgFrameLayout.MaxLeads];
        for (var i = 0; i < leadCount; i++)
        {
            reader.TryRead(out byte code);
            if (!EcgLeads.IsDefined(code))
            {
                refusal = new(EcgRefusalReason.BadLeadId, $"lead id {code} at position {i} is not one of 0..11 (I..V6)");
                return false;
            }
            if (seen[code])
            {
                refusal = new(EcgRefusalReason.DuplicateLead, $"lead {(EcgLead)code} appears twice");
                return false;
            }
            seen[code] = true;
            leads[i] = (EcgLead)code;
        }

        var sampleBytes = (long)leadCount * samplesPerLead * sizeof(short);
        var sampleBlock = frame.Slice(reader.Position, sampleBytes);
        var crcRegion = frame.Slice(0, frame.Length - EcgFrameLayout.CrcBytes);
        reader.Advance(sampleBytes);
        reader.TryReadLittleEndian(out int rawCrc);
        var computed = Checksum(crcRegion);
        if ((uint)rawCrc != computed)
        {
            refusal = new(EcgRefusalReason.BadCrc, $"CRC-32 0x{(uint)rawCrc:x8} does not match the frame's 0x{computed:x8}");
            return false;
        }

        decoded = new EcgFrame((uint)rawSeq, startUnixMs, sampleRate, samplesPerLead, scale, leads, sampleBlock);
        refusal = EcgRefusal.None;
        return true;
    }

    /// <summary>CRC-32 (IEEE 802.3, reflected polynomial 0xEDB88320) over every segment of the sequence.</summary>
    public static uint Checksum(ReadOnlySequence<byte> bytes)
    {
        var crc = new Crc32();
        foreach (var segment in bytes)
        {
            crc.Append(segment.Span);
        }
        return crc.GetCurrentHashAsUInt32();
    }
}
