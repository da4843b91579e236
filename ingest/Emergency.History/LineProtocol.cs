using System.Buffers;
using System.Globalization;
using System.Text;
using Emergency.Domain.Devices;
using Emergency.Domain.Vitals;

namespace Emergency.History;

/// <summary>
/// Encodes <see cref="VitalsPoint"/>s as InfluxDB 1.x line protocol (millisecond timestamps), straight into UTF-8
/// bytes without intermediate strings. See SCHEMA.md for the measurement, tags and fields.
/// </summary>
/// <remarks>
/// <para>
/// Escaping follows what InfluxDB 1.x parses (checked against 1.6.7 by the round-trip tests):
/// in the measurement, comma and space are escaped; in tag keys, tag values and field keys, comma, space and equals
/// sign. Backslashes in tag values are written as they are: InfluxDB 1.x unescapes only <c>\,</c>, <c>\ </c> and
/// <c>\=</c> there, so a doubled backslash would be stored doubled. In string field values, <c>"</c> and
/// <c>\</c> are escaped with a backslash.
/// </para>
/// <para>
/// Tag values that line protocol cannot carry are normalized by <see cref="NormalizeTagValue"/> (the same function
/// queries apply to the patient id, so such a patient is still found): carriage returns and line feeds become
/// U+FFFD, and so does a final backslash (it would escape the separator after it). Empty tag values are left out:
/// InfluxDB rejects them and reads a missing tag as the empty string.
/// </para>
/// <para>
/// Floats are written in the shortest round-trippable invariant form (<c>"R"</c>: 72, 36.85, 1E-05, 1.5E+20, all of
/// which InfluxDB parses). NaN and infinities are not readings (InfluxDB rejects them) and are left out like nulls.
/// </para>
/// </remarks>
public static class LineProtocol
{
    public const string Measurement = "vitals";

    private const byte Backslash = (byte)'\\';
    private const char Replacement = '\uFFFD';
    private static readonly SearchValues<char> TagSpecials = SearchValues.Create(", =");
    private static readonly SearchValues<char> MeasurementSpecials = SearchValues.Create(", ");
    private static readonly SearchValues<char> StringSpecials = SearchValues.Create("\"\\");
    private static readonly SearchValues<char> Unencodable = SearchValues.Create("\r\n");

    // The measurement and the tag keys are constants: escape them once. Tags are written sorted by key, which is
    // the order InfluxDB keys series by (it sorts them otherwise).
    private static readonly byte[] MeasurementBytes = Encoding.UTF8.GetBytes(Measurement);
    private static readonly byte[] DeviceTag = ",device="u8.ToArray();
    private static readonly byte[] DeviceKindTag = ",device_kind="u8.ToArray();
    private static readonly byte[] PatientTag = ",patient="u8.ToArray();
    private static readonly byte[] RegionTag = ",region="u8.ToArray();

    /// <summary>
    /// Makes a tag value representable: CR and LF become U+FFFD, as does a trailing backslash.
    /// Returns <paramref name="value"/> itself when nothing needs changing.
    /// </summary>
    public static string NormalizeTagValue(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var span = value.AsSpan();
        if (span.IndexOfAny(Unencodable) < 0 && (span.Length == 0 || span[^1] != '\\'))
        {
            return value;
        }
        return string.Create(value.Length, value, static (dest, src) =>
        {
            src.AsSpan().CopyTo(dest);
            dest.ReplaceAny(Unencodable, Replacement);
            if (dest[^1] == '\\')
            {
                dest[^1] = Replacement;
            }
        });
    }

    /// <summary>Appends one point as one line, terminated by <c>\n</c>.</summary>
    public static void Write(IBufferWriter<byte> output, VitalsPoint point)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(point);

        output.Write(MeasurementBytes);
        WriteTag(output, DeviceTag, point.DeviceId);
        WriteTag(output, DeviceKindTag, point.DeviceKind.ToCode());
        WriteTag(output, PatientTag, point.PatientId);
        WriteTag(output, RegionTag, point.Region);

        // Fields in key order. seq is always present, so a frame without any value is still a valid line.
        var v = point.Vitals;
        var first = true;
        if (v.Acvpu is { } acvpu)
        {
            WriteFieldKey(output, "acvpu"u8, ref first);
            Span<char> code = [acvpu.ToCode()];
            WriteStringFieldValue(output, code);
        }
        WriteFloatField(output, "dbp"u8, v.Dbp, ref first);
        WriteFloatField(output, "hr"u8, v.Hr, ref first);
        WriteIntegerField(output, "news2"u8, point.EffectiveNews2, ref first);
        if (v.O2 is { } o2)
        {
            WriteFieldKey(output, "o2"u8, ref first);
            output.Write(o2 ? "true"u8 : "false"u8);
        }
        WriteFloatField(output, "rr"u8, v.Rr, ref first);
        WriteFloatField(output, "sbp"u8, v.Sbp, ref first);
        WriteIntegerField(output, "seq"u8, point.Seq, ref first);
        WriteFloatField(output, "spo2"u8, v.Spo2, ref first);
        WriteIntegerField(output, "spo2_scale"u8, v.Spo2Scale is { } s ? (byte)s : null, ref first);
        WriteFloatField(output, "temp"u8, v.Temp, ref first);

        output.Write(" "u8);
        WriteInteger(output, TimestampNs(point));
        output.Write("\n"u8);
    }

    /// <summary>
    /// The point's time in nanoseconds: its device time in whole milliseconds plus <c>seq mod 1,000,000</c> ns.
    /// InfluxDB identifies a point by series and time, so two readings of one device in the same millisecond (a
    /// monitor catching up after a stall) would otherwise overwrite each other; the offset keeps them apart, stays
    /// inside the millisecond (queries in ms see the device time), and the same frame written again still lands on
    /// the same point.
    /// </summary>
    public static long TimestampNs(VitalsPoint point) =>
        point.TimestampMs * 1_000_000 + (point.Seq % 1_000_000 + 1_000_000) % 1_000_000;

    /// <summary>Encodes <paramref name="points"/> into a new string (for logs and tests; the stores write bytes).</summary>
    public static string ToText(IEnumerable<VitalsPoint> points)
    {
        var buffer = new ArrayBufferWriter<byte>();
        foreach (var p in points)
        {
            Write(buffer, p);
        }
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>Appends a measurement name, escaping commas and spaces.</summary>
    public static void WriteMeasurement(IBufferWriter<byte> output, ReadOnlySpan<char> name) =>
        WriteEscaped(output, name, MeasurementSpecials);

    /// <summary>
    /// Appends a tag key, tag value or field key, escaping commas, spaces and equals signs. The caller normalizes
    /// values first (<see cref="NormalizeTagValue"/>) and leaves out empty ones.
    /// </summary>
    public static void WriteTagText(IBufferWriter<byte> output, ReadOnlySpan<char> text) =>
        WriteEscaped(output, text, TagSpecials);

    /// <summary>Appends a quoted string field value, escaping double quotes and backslashes.</summary>
    public static void WriteStringFieldValue(IBufferWriter<byte> output, ReadOnlySpan<char> value)
    {
        output.Write("\""u8);
        WriteEscaped(output, value, StringSpecials);
        output.Write("\""u8);
    }

    private static void WriteTag(IBufferWriter<byte> output, ReadOnlySpan<byte> prefix, string value)
    {
        if (value.Length == 0)
        {
            return;
        }
        output.Write(prefix);
        WriteTagText(output, NormalizeTagValue(value));
    }

    private static void WriteFieldKey(IBufferWriter<byte> output, ReadOnlySpan<byte> key, ref bool first)
    {
        output.Write(first ? " "u8 : ","u8);
        first = false;
        output.Write(key);
        output.Write("="u8);
    }

    private static void WriteFloatField(IBufferWriter<byte> output, ReadOnlySpan<byte> key, double? value, ref bool first)
    {
        if (value is not { } v || !double.IsFinite(v))
        {
            return;
        }
        WriteFieldKey(output, key, ref first);
        var span = output.GetSpan(32);
        if (!v.TryFormat(span, out var written, "R", CultureInfo.InvariantCulture))
        {
            throw new InvalidOperationException("A double did not fit in 32 bytes.");
        }
        output.Advance(written);
    }

    private static void WriteIntegerField(IBufferWriter<byte> output, ReadOnlySpan<byte> key, long? value, ref bool first)
    {
        if (value is not { } v)
        {
            return;
        }
        WriteFieldKey(output, key, ref first);
        WriteInteger(output, v);
        output.Write("i"u8);
    }

    private static void WriteInteger(IBufferWriter<byte> output, long value)
    {
        var span = output.GetSpan(20);
        if (!value.TryFormat(span, out var written, default, CultureInfo.InvariantCulture))
        {
            throw new InvalidOperationException("A long did not fit in 20 bytes.");
        }
        output.Advance(written);
    }

    private static void WriteEscaped(IBufferWriter<byte> output, ReadOnlySpan<char> text, SearchValues<char> specials)
    {
        while (!text.IsEmpty)
        {
            var i = text.IndexOfAny(specials);
            var run = i < 0 ? text : text[..i];
            if (!run.IsEmpty)
            {
                var span = output.GetSpan(Encoding.UTF8.GetMaxByteCount(run.Length));
                output.Advance(Encoding.UTF8.GetBytes(run, span));
            }
            if (i < 0)
            {
                return;
            }
            var escaped = output.GetSpan(2);
            escaped[0] = Backslash;
            escaped[1] = (byte)text[i];
            output.Advance(2);
            text = text[(i + 1)..];
        }
    }
}
