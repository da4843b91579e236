using System.Globalization;
using System.Text;
using CsCheck;
using Emergency.Domain.Ambulances;
using Emergency.Domain.Vitals;
using Emergency.Ingest.Tests.Decoding;

namespace Emergency.Ingest.Tests.Fuzzing;

/// <summary>
/// Generators of frame payloads: random bytes, valid frames within the contract, and structure-aware mutations of
/// valid frames (a field's value replaced by one of the wrong type, a huge or non-finite-looking number, deep nesting,
/// a duplicated key, invalid UTF-8, truncation, oversize).
/// </summary>
internal static class FrameGens
{
    /// <summary>Any bytes, short and long; half of them start like an object so the walk goes further than byte 0.</summary>
    public static readonly Gen<byte[]> RandomBytes =
        Gen.Select(Gen.Byte.Array[0, 256], Gen.Bool, (bytes, brace) =>
        {
            if (brace && bytes.Length > 0)
            {
                bytes[0] = (byte)'{';
            }

            return bytes;
        });

    /// <summary>Values that are wrong or borderline for some field: types, numbers at and past the limits, odd strings.</summary>
    private static readonly string[] Hostile =
    [
        "null", "true", "false", "0", "-0", "-1", "1e400", "-1e400", "1e-400", "9223372036854775807", "9223372036854775808",
        "-9223372036854775809", "1.7976931348623157e308", "4.9e-324", "0.1e1", "350.0000000001", "100.0", "12345678901234567890123456789",
        "\"NaN\"", "\"Infinity\"", "\"-Infinity\"", "\"1e3\"", "\"\"", "\" \"", "\"A\"", "\"Z\"", "\"\\u0000\"", "\"\\uD800\"",
        "\"\\uDC00\\uD800\"", "\"caf\\u00e9\"", "\"\u00e9\"", "\"\U0001F691\"", "\"" + new string('x', 65) + "\"",
        "\"2026-11-23T07:37:17\"", "\"2026-11-23T07:37:17.123+08:00\"", "\"1999-12-31T23:59:59.999Z\"", "\"2101-01-01T00:00:00Z\"",
        "946684800000", "946684799999", "4133980800000", "4133980799999", "[]", "{}", "[1,2]", "{\"a\":1}", "[[[[[[]]]]]]",
    ];

    private static readonly Gen<string> HostileValue = Gen.OneOf(Hostile);

    /// <summary>A nesting of <c>[</c> / <c>{"k":</c> between 1 and 40 levels around a scalar (the limit is 16).</summary>
    private static string Deep(Random random)
    {
        int depth = random.Next(1, 41);
        bool objects = random.Next(2) == 0;
        return string.Concat(Enumerable.Repeat(objects ? "{\"k\":" : "[", depth)) + "1" + new string(objects ? '}' : ']', depth);
    }

    private static readonly Gen<double?> Hr = Gen.Double[VitalRanges.HrMin, VitalRanges.HrMax].Nullable();
    private static readonly Gen<double?> Rr = Gen.Double[VitalRanges.RrMin, VitalRanges.RrMax].Nullable();
    private static readonly Gen<double?> Spo2 = Gen.Double[VitalRanges.Spo2Min, VitalRanges.Spo2Max].Nullable();
    private static readonly Gen<double?> Temp = Gen.Double[VitalRanges.TempMin, VitalRanges.TempMax].Nullable();
    private static readonly Gen<long> Seq = Gen.Frequency((3, Gen.Long[0, 1_000_000]), (1, Gen.Long[0, long.MaxValue]));

    /// <summary>Times in the accepted years, to the tick (whole milliseconds half of the time).</summary>
    private static readonly Gen<DateTimeOffset> Timestamp =
        Gen.Select(Gen.Long[FrameLimitsTicks.Min, FrameLimitsTicks.End - 1], Gen.Bool, (ticks, wholeMs) =>
            new DateTimeOffset(wholeMs ? ticks - ticks % TimeSpan.TicksPerMillisecond : ticks, TimeSpan.Zero));

    private static readonly Gen<string?> Id =
        Gen.String[Gen.Char["ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_."], 1, 64].Null();

    public static readonly Gen<VitalsFrame> Vitals =
        Gen.Select(Id, Seq, Timestamp, Gen.Select(Hr, Rr, Spo2, Temp), Gen.Double[0, 300].Nullable(), Gen.Double[0, 50].Nullable(),
            Gen.Select(Gen.Enum<Acvpu>().Nullable(), Gen.Bool.Nullable(), Gen.Enum<Spo2Scale>().Nullable()),
            (id, seq, ts, a, sbpBase, pulse, b) =>
            {
                // dbp must not exceed sbp: draw the pressure as dbp plus a pulse pressure.
                double? dbp = sbpBase;
                double? sbp = sbpBase is { } d && pulse is { } p ? Math.Min(d + p, VitalRanges.SbpMax) : null;
                return new VitalsFrame(id, seq, ts, new VitalSigns(a.Item1, a.Item2, a.Item3, sbp, dbp, a.Item4, b.Item1, b.Item2, b.Item3));
            });

    public static readonly Gen<PositionFrame> Position =
        Gen.Select(Seq, Timestamp, Gen.Double[-90, 90], Gen.Double[-180, 180], Gen.Double[0, 400].Nullable(), Gen.Double[0, 360].Nullable(),
            (seq, ts, lat, lon, speed, heading) => new PositionFrame(seq, ts, lat, lon, speed, heading));

    public static readonly Gen<StatusFrame> Status =
        Gen.Select(Seq, Timestamp, Gen.Enum<AmbulanceStatus>(), Id, (seq, ts, status, id) => new StatusFrame(seq, ts, status, id));

    /// <summary>A valid payload of <paramref name="kind"/>: a generated frame, or for context the contract's example.</summary>
    public static Gen<byte[]> Valid(FrameKind kind) => kind switch
    {
        FrameKind.Vitals => Vitals.Select(FrameJson.Encode),
        FrameKind.Position => Position.Select(FrameJson.Encode),
        FrameKind.Status => Status.Select(FrameJson.Encode),
        _ => Gen.Const(Encoding.UTF8.GetBytes(Payloads.ContextExample)),
    };

    /// <summary>One to three structure-aware edits of a valid payload of <paramref name="kind"/>.</summary>
    public static Gen<byte[]> Mutated(FrameKind kind) =>
        Gen.Select(Valid(kind), Gen.Int[1, 3], Gen.UInt.Array[3], (bytes, edits, draws) =>
        {
            var random = new Random((int)draws[0] ^ (int)(draws[1] << 7) ^ (int)draws[2]);
            for (int i = 0; i < edits; i++)
            {
                bytes = Mutate(bytes, random);
            }

            return bytes;
        });

    private static byte[] Mutate(byte[] payload, Random random)
    {
        if (payload.Length == 0)
        {
            // An earlier edit truncated everything: start again from an open object.
            return "{"u8.ToArray();
        }

        string text = Encoding.UTF8.GetString(payload);
        var values = ValueSpans(text);
        switch (random.Next(9))
        {
            case 0 when values.Count > 0:
            {
                var (start, length) = values[random.Next(values.Count)];
                return Utf8(text[..start] + Hostile[random.Next(Hostile.Length)] + text[(start + length)..]);
            }

            case 1 when values.Count > 0:
            {
                var (start, length) = values[random.Next(values.Count)];
                return Utf8(text[..start] + Deep(random) + text[(start + length)..]);
            }

            case 2:
            {
                // A duplicated key: a known field (or an unknown one) appears again before the end.
                var names = new[] { "seq", "ts", "patientId", "hr", "lat", "status", "ageYears", "x" };
                return Utf8(text[..^1] + ",\"" + names[random.Next(names.Length)] + "\":" + Hostile[random.Next(Hostile.Length)] + "}");
            }

            case 3:
            {
                // Invalid UTF-8 inside the payload: a lone continuation byte, an overlong form or a surrogate.
                byte[][] bad = [[0x80], [0xC0, 0xAF], [0xED, 0xA0, 0x80], [0xF8, 0x88, 0x80, 0x80, 0x80], [0xFF]];
                int at = random.Next(payload.Length + 1);
                return [.. payload[..at], .. bad[random.Next(bad.Length)], .. payload[at..]];
            }

            case 4:
                return payload[..random.Next(payload.Length)];
            case 5:
            {
                // Oversize (one in eight, as each costs 64 KB): an unknown field taking the payload just under or over
                // the limit; otherwise a long unknown field well within it.
                int size = random.Next(8) == 0
                    ? Emergency.Ingest.Decoding.FrameLimits.DefaultMaxPayloadBytes + random.Next(-64, 64)
                    : random.Next(payload.Length, Math.Max(payload.Length, 4096) + 1);
                var padding = new string('a', Math.Max(0, size - payload.Length - 10));
                return Utf8(text[..^1] + ",\"pad\":\"" + padding + "\"}");
            }

            case 6:
            {
                int at = random.Next(payload.Length);
                var copy = (byte[])payload.Clone();
                copy[at] ^= (byte)(1 << random.Next(8));
                return copy;
            }

            case 7:
                return Utf8(text.Replace(":", ": \t\n", StringComparison.Ordinal));
            default:
                return Utf8("[" + text + "]");
        }
    }

    /// <summary>Where each top-level value of a flat frame object starts and how long it is.</summary>
    private static List<(int Start, int Length)> ValueSpans(string text)
    {
        var spans = new List<(int, int)>();
        bool inString = false;
        int depth = 0;
        int valueStart = -1;
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (inString)
            {
                if (c == '\\') i++;
                else if (c == '"') inString = false;
                continue;
            }

            switch (c)
            {
                case '"': inString = true; break;
                case '{' or '[': depth++; break;
                case ':' when depth == 1: valueStart = i + 1; break;
                case (',' or '}') when depth == 1 && valueStart >= 0:
                    spans.Add((valueStart, i - valueStart));
                    valueStart = -1;
                    break;
            }

            if (c is '}' or ']') depth--;
        }

        return spans;
    }

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    public static string Show(byte[] payload) =>
        payload.Length <= 512 ? Convert.ToHexString(payload) + " " + Encoding.UTF8.GetString(payload) : $"{payload.Length} bytes " + Convert.ToHexString(payload[..512]) + "…";

    private static class FrameLimitsTicks
    {
        public static readonly long Min = Emergency.Ingest.Decoding.FrameLimits.MinTimestamp.UtcTicks;
        public static readonly long End = Emergency.Ingest.Decoding.FrameLimits.EndTimestamp.UtcTicks;
    }
}
