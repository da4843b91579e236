using System.Buffers.Binary;
using System.IO.Compression;

namespace Emergency.Ingest.Ecg;

/// <summary>
/// Packs a block's samples for the store: first differences per lead (an ECG changes little from one sample to
/// the next, so most differences fit in a byte), as int16 little-endian, then Deflate. Lossless.
/// </summary>
internal static class EcgSampleCompression
{
    public static byte[] Pack(IReadOnlyList<short[]> leads)
    {
        var perLead = leads.Count == 0 ? 0 : leads[0].Length;
        var raw = new byte[leads.Count * perLead * 2];
        var at = 0;
        foreach (var lead in leads)
        {
            short previous = 0;
            foreach (var value in lead)
            {
                BinaryPrimitives.WriteInt16LittleEndian(raw.AsSpan(at), unchecked((short)(value - previous)));
                previous = value;
                at += 2;
            }
        }
        using var output = new MemoryStream();
        using (var deflate = new DeflateStream(output, CompressionLevel.Fastest, leaveOpen: true))
        {
            deflate.Write(raw);
        }
        return output.ToArray();
    }

    public static short[][] Unpack(byte[] packed, int leadCount, int samplesPerLead)
    {
        var raw = new byte[leadCount * samplesPerLead * 2];
        using (var deflate = new DeflateStream(new MemoryStream(packed), CompressionMode.Decompress))
        {
            deflate.ReadExactly(raw);
        }
        var leads = new short[leadCount][];
        var at = 0;
        for (var l = 0; l < leadCount; l++)
        {
            leads[l] = new short[samplesPerLead];
            short previous = 0;
            for (var i = 0; i < samplesPerLead; i++)
            {
                previous = unchecked((short)(previous + BinaryPrimitives.ReadInt16LittleEndian(raw.AsSpan(at))));
                leads[l][i] = previous;
                at += 2;
            }
        }
        return leads;
    }
}
