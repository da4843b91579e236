using System.Buffers;
using System.Text;
using Emergency.Ingest.Decoding;

namespace Emergency.Ingest.Tests.Decoding;

/// <summary>Builds payloads as MQTT hands them over: single- or multi-segment byte sequences.</summary>
internal static class Payloads
{
    public const string VitalsExample =
        """{"patientId":"P-7F3A2","seq":1042,"ts":"2026-11-23T07:37:17.123Z","hr":112,"rr":24,"spo2":93,"sbp":98,"dbp":60,"temp":38.4,"acvpu":"A","o2":true,"spo2Scale":1}""";

    public const string PositionExample =
        """{"seq":77,"ts":"2026-11-23T07:37:17.123Z","lat":31.2304,"lon":121.4737,"speedKmh":42.0,"heading":270}""";

    public const string ContextExample =
        """{"seq":6,"ts":"2026-11-23T07:37:17.123Z","patientId":"P-7F3A2","ageYears":67,"sex":"F","condition":"sepsis"}""";

    public const string StatusExample =
        """{"seq":5,"ts":"2026-11-23T07:37:17.123Z","status":"transporting","patientId":"P-7F3A2"}""";

    public const string Ts = "2026-11-23T07:37:17.123Z";

    public static readonly DateTimeOffset ExampleTimestamp = new(2026, 11, 23, 7, 37, 17, 123, TimeSpan.Zero);

    public static ReadOnlySequence<byte> Of(string json) => new(Encoding.UTF8.GetBytes(json));

    public static ReadOnlySequence<byte> Of(byte[] bytes) => new(bytes);

    /// <summary>The bytes cut into segments at the given ascending offsets (empty segments allowed).</summary>
    public static ReadOnlySequence<byte> Split(byte[] bytes, params int[] cuts)
    {
        var first = new Segment(bytes.AsMemory(0, cuts.Length == 0 ? bytes.Length : cuts[0]), 0);
        Segment last = first;
        for (int i = 0; i < cuts.Length; i++)
        {
            int end = i + 1 < cuts.Length ? cuts[i + 1] : bytes.Length;
            last = last.Append(bytes.AsMemory(cuts[i], end - cuts[i]));
        }

        return new ReadOnlySequence<byte>(first, 0, last, last.Memory.Length);
    }

    /// <summary>The bytes in segments of <paramref name="size"/> bytes (the last may be shorter).</summary>
    public static ReadOnlySequence<byte> Chunked(byte[] bytes, int size)
    {
        var cuts = new List<int>();
        for (int at = size; at < bytes.Length; at += size)
        {
            cuts.Add(at);
        }

        return Split(bytes, [.. cuts]);
    }

    /// <summary>
    /// A frame with a valid seq and ts followed by <paramref name="fields"/>, written with single quotes for
    /// readability: <c>Frame(",'hr':1")</c> is <c>{"seq":1,"ts":"…","hr":1}</c>.
    /// </summary>
    public static string Frame(string fields) => $$"""{"seq":1,"ts":"{{Ts}}"{{J(fields)}}}""";

    /// <summary>JSON written with single quotes in place of double quotes.</summary>
    public static string J(string singleQuoted) => singleQuoted.Replace('\'', '"');

    private sealed class Segment : ReadOnlySequenceSegment<byte>
    {
        public Segment(ReadOnlyMemory<byte> memory, long runningIndex)
        {
            Memory = memory;
            RunningIndex = runningIndex;
        }

        public Segment Append(ReadOnlyMemory<byte> memory)
        {
            var next = new Segment(memory, RunningIndex + Memory.Length);
            Next = next;
            return next;
        }
    }
}
