using System.Buffers.Text;
using System.Text;

namespace Emergency.Benchmarks.Load;

/// <summary>
/// The harness's vitals frame, about 200 bytes as a monitor's: normal adult vitals (NEWS2 0, so no alert traffic),
/// the pulse varied by seq so every frame changes the patient's state (and so is pushed), <c>ts</c> the publish
/// time in Unix milliseconds, and a field the service ignores naming the harness.
/// </summary>
public static class LoadFrame
{
    private static readonly byte[] Tail = Encoding.ASCII.GetBytes(
        ",\"rr\":16,\"spo2\":97,\"sbp\":122,\"dbp\":78,\"temp\":36.8,\"acvpu\":\"A\",\"o2\":false,\"spo2Scale\":1,\"sender\":\"emergency-load-harness/1\"}");

    public static byte[] Encode(string patientId, long seq, long ts)
    {
        Span<byte> buffer = stackalloc byte[256];
        var n = 0;
        Append(buffer, ref n, "{\"patientId\":\""u8);
        n += Encoding.ASCII.GetBytes(patientId, buffer[n..]);
        Append(buffer, ref n, "\",\"seq\":"u8);
        Utf8Formatter.TryFormat(seq, buffer[n..], out var w);
        n += w;
        Append(buffer, ref n, ",\"ts\":"u8);
        Utf8Formatter.TryFormat(ts, buffer[n..], out w);
        n += w;
        Append(buffer, ref n, ",\"hr\":"u8);
        Utf8Formatter.TryFormat(60 + seq % 30, buffer[n..], out w);
        n += w;
        Append(buffer, ref n, Tail);
        return buffer[..n].ToArray();
    }

    /// <summary>The <c>ts</c> of a frame this harness encoded (the subscriber's side of the bare-broker baseline).</summary>
    public static long ReadTs(ReadOnlySpan<byte> payload)
    {
        var at = payload.IndexOf(",\"ts\":"u8);
        return at >= 0 && Utf8Parser.TryParse(payload[(at + 6)..], out long ts, out _) ? ts : -1;
    }

    private static void Append(Span<byte> buffer, ref int n, ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(buffer[n..]);
        n += bytes.Length;
    }
}
