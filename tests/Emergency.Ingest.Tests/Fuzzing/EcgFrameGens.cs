using System.Buffers.Binary;
using CsCheck;
using Emergency.Domain.Ecg.Wire;

namespace Emergency.Ingest.Tests.Fuzzing;

/// <summary>Generators of binary ECG frames: valid ones, and valid ones mutated with or without a fresh CRC.</summary>
internal static class EcgFrameGens
{
    public static readonly Gen<byte[]> Valid =
        from leadCount in Gen.Int[1, EcgFrameLayout.MaxLeads]
        from perLead in Gen.Frequency((4, Gen.Int[1, 40]), (1, Gen.Int[1, EcgFrameLayout.MaxSamplesPerLead]))
        from seq in Gen.UInt
        from start in Gen.Long[0, 4_102_444_800_000]
        from rate in Gen.Int[EcgFrameLayout.MinSampleRateHz, EcgFrameLayout.MaxSampleRateHz]
        from scale in Gen.Float[0.01f, EcgFrameLayout.MaxScaleMicrovolts]
        from order in Gen.Shuffle(EcgLeads.Standard12.ToArray())
        from samples in Gen.Short.Array[perLead * leadCount]
        select EcgFrameEncoder.Encode(seq, start, rate, scale, order[..leadCount],
            [.. Enumerable.Range(0, leadCount).Select(l => samples.AsSpan(l * perLead, perLead).ToArray())]);

    /// <summary>
    /// A valid frame with 1–4 bytes overwritten, a byte inserted or removed; half of them get a CRC that matches
    /// again, so that the checks behind the CRC see mutated headers too.
    /// </summary>
    public static readonly Gen<byte[]> Mutated =
        from frame in Valid
        from edits in Gen.Select(Gen.Int[0, 2], Gen.Int[0, int.MaxValue], Gen.Byte).Array[1, 4]
        from header in Gen.Bool
        from fixCrc in Gen.Bool
        select Mutate(frame, edits, header, fixCrc);

    private static byte[] Mutate(byte[] frame, (int Kind, int At, byte Value)[] edits, bool header, bool fixCrc)
    {
        var bytes = new List<byte>(frame);
        foreach (var (kind, at, value) in edits)
        {
            var span = header ? Math.Min(bytes.Count, EcgFrameLayout.FixedHeaderBytes + 12) : bytes.Count;
            if (span == 0)
            {
                bytes.Add(value);
                continue;
            }
            var index = at % span;
            switch (kind)
            {
                case 0: bytes[index] = value; break;
                case 1: bytes.Insert(index, value); break;
                default: bytes.RemoveAt(index); break;
            }
        }
        var result = bytes.ToArray();
        if (fixCrc && result.Length >= 4)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(result.AsSpan(result.Length - 4),
                System.IO.Hashing.Crc32.HashToUInt32(result.AsSpan(0, result.Length - 4)));
        }
        return result;
    }
}
