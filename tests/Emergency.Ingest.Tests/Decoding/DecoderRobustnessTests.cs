using System.Buffers;
using System.Text;
using Emergency.Domain.Ambulances;
using Emergency.Domain.Patients;
using Emergency.Domain.Vitals;
using Emergency.Ingest.Decoding;
using Xunit.Sdk;
using static Emergency.Ingest.Tests.Decoding.Payloads;

namespace Emergency.Ingest.Tests.Decoding;

/// <summary>
/// Random and mutated payloads, with fixed seeds: no decoder ever throws, each either decodes a frame within the
/// contract or gives a reason, and the same bytes split into segments get the same answer.
/// </summary>
public class DecoderRobustnessTests
{
    private const int Iterations = 100_000;

    private static readonly string[] Names =
    [
        "seq", "ts", "patientId", "hr", "rr", "spo2", "sbp", "dbp", "temp", "acvpu", "o2", "spo2Scale",
        "lat", "lon", "speedKmh", "heading", "status", "x", "", "h\\u0072", "HR",
    ];

    private static readonly string[] Scalars =
    [
        "0", "1", "-1", "1042", "112", "38.4", "350", "350.1", "-0", "1e3", "1E-3", "1e400", "9223372036854775808",
        "1795419437123", "946684799999", "true", "false", "null", "\"\"", "\"A\"", "\"C\"", "\"a\"", "\"P-7F3A2\"",
        "\"P 1\"", "\"available\"", "\"on-scene\"", "\"out-of-service\"", "\"" + Ts + "\"", "\"2026-11-23T07:37:17\"",
        "\"2026-11-23T15:37:17+08:00\"", "\"\\u0041\"", "\"\\uD800\"", "\"caf\\u00e9\"", "1.5", "2", "3", "90", "-90.5", "360",
    ];

    private const string JsonAlphabet = "{}[]\":,0123456789-+.eEtrufalsn\\ \t\nuU";

    public static TheoryData<FrameKind> Kinds => [FrameKind.Vitals, FrameKind.Position, FrameKind.Status, FrameKind.Context];

    [Theory]
    [MemberData(nameof(Kinds))]
    public void RandomPayloadsNeverThrow(FrameKind kind)
    {
        var random = new Random(20261123 + (int)kind);
        for (int i = 0; i < Iterations; i++)
        {
            byte[] payload = (i % 3) switch
            {
                0 => RandomBytes(random),
                1 => RandomJsonishBytes(random),
                _ => RandomObject(random),
            };
            Check(kind, payload, random);
        }
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void MutatedExamplesNeverThrow(FrameKind kind)
    {
        var random = new Random(7_3720 + (int)kind);
        byte[] example = Encoding.UTF8.GetBytes(Decoders.Example(kind));
        int decoded = 0;
        for (int i = 0; i < Iterations; i++)
        {
            if (Check(kind, Mutate(example, random), random))
            {
                decoded++;
            }
        }

        // Some mutations leave a valid frame (a changed digit), most do not.
        Assert.InRange(decoded, 1, Iterations / 2);
    }

    /// <summary>Decodes <paramref name="payload"/> whole and in three segments (any may be empty); true when it decoded.</summary>
    private static bool Check(FrameKind kind, byte[] payload, Random random)
    {
        (object? frame, string? error) whole = Decode(kind, Of(payload), payload);
        int first = random.Next(payload.Length + 1);
        int second = random.Next(first, payload.Length + 1);
        (object? frame, string? error) split = Decode(kind, Split(payload, first, second), payload);

        Assert.Equal(whole, split);
        if (whole.frame is not null)
        {
            FrameContract.AssertWithin(whole.frame);
        }

        return whole.frame is not null;
    }

    private static (object? Frame, string? Error) Decode(FrameKind kind, ReadOnlySequence<byte> payload, byte[] bytes)
    {
        try
        {
            return Decoders.Decode(kind, payload);
        }
        catch (Exception e) when (e is not XunitException)
        {
            throw new XunitException($"{kind} decoder threw {e.GetType().Name} ({e.Message}) for {Convert.ToHexString(bytes)}");
        }
    }

    private static byte[] RandomBytes(Random random)
    {
        byte[] bytes = new byte[random.Next(0, 65)];
        random.NextBytes(bytes);
        if (bytes.Length > 0 && random.Next(2) == 0)
        {
            bytes[0] = (byte)'{';
        }

        return bytes;
    }

    private static byte[] RandomJsonishBytes(Random random)
    {
        var text = new StringBuilder("{");
        int count = random.Next(0, 40);
        for (int i = 0; i < count; i++)
        {
            switch (random.Next(4))
            {
                case 0: text.Append('"').Append(Names[random.Next(Names.Length)]).Append("\":"); break;
                case 1: text.Append(Scalars[random.Next(Scalars.Length)]); break;
                default: text.Append(JsonAlphabet[random.Next(JsonAlphabet.Length)]); break;
            }
        }

        return Encoding.UTF8.GetBytes(text.ToString());
    }

    /// <summary>A syntactically valid object of random known and unknown fields, so that validation is reached.</summary>
    private static byte[] RandomObject(Random random)
    {
        var text = new StringBuilder("{");
        if (random.Next(4) != 0)
        {
            text.Append("\"seq\":").Append(random.Next(3) == 0 ? Scalars[random.Next(Scalars.Length)] : "1").Append(',');
        }

        if (random.Next(4) != 0)
        {
            text.Append("\"ts\":\"").Append(Ts).Append("\",");
        }

        int count = random.Next(0, 8);
        for (int i = 0; i < count; i++)
        {
            text.Append('"').Append(Names[random.Next(Names.Length)]).Append("\":");
            AppendValue(text, random, depth: 1);
            text.Append(',');
        }

        if (text[^1] == ',')
        {
            text.Length--;
        }

        return Encoding.UTF8.GetBytes(text.Append('}').ToString());

        static void AppendValue(StringBuilder text, Random random, int depth)
        {
            switch (random.Next(depth > 20 ? 1 : 6))
            {
                case 4:
                    text.Append('[');
                    for (int i = random.Next(3); i > 0; i--)
                    {
                        AppendValue(text, random, depth + 1);
                        text.Append(i > 1 ? "," : "");
                    }

                    text.Append(']');
                    break;
                case 5:
                    text.Append("{\"k\":");
                    AppendValue(text, random, depth + 1);
                    text.Append('}');
                    break;
                default:
                    text.Append(Scalars[random.Next(Scalars.Length)]);
                    break;
            }
        }
    }

    private static byte[] Mutate(byte[] example, Random random)
    {
        var bytes = new List<byte>(example);
        for (int edits = random.Next(1, 5); edits > 0; edits--)
        {
            int at = random.Next(bytes.Count + 1);
            switch (random.Next(7))
            {
                case 0 when at < bytes.Count:
                    bytes[at] ^= (byte)(1 << random.Next(8));
                    break;
                case 1 when at < bytes.Count:
                    bytes[at] = (byte)JsonAlphabet[random.Next(JsonAlphabet.Length)];
                    break;
                case 2:
                    bytes.Insert(at, (byte)random.Next(256));
                    break;
                case 3:
                    bytes.Insert(at, (byte)JsonAlphabet[random.Next(JsonAlphabet.Length)]);
                    break;
                case 4 when at < bytes.Count:
                    bytes.RemoveRange(at, random.Next(1, Math.Min(8, bytes.Count - at) + 1));
                    break;
                case 5 when at < bytes.Count:
                    int length = random.Next(1, Math.Min(16, bytes.Count - at) + 1);
                    bytes.InsertRange(random.Next(bytes.Count + 1), bytes.GetRange(at, length));
                    break;
                default:
                    if (at < bytes.Count && bytes[at] is >= (byte)'0' and <= (byte)'9')
                    {
                        bytes[at] = (byte)('0' + random.Next(10));
                    }
                    else
                    {
                        bytes.RemoveRange(at, bytes.Count - at);
                    }

                    break;
            }
        }

        return [.. bytes];
    }
}
