using System.Globalization;
using System.Text.Json;
using Emergency.Domain.Ambulances;
using Emergency.Domain.Vitals;

namespace Emergency.DeviceSim.Wire;

/// <summary>
/// Writes the contract's JSON frames with <see cref="Utf8JsonWriter"/> straight into pooled buffers.
/// One encoder per device; not thread-safe.
/// </summary>
internal sealed class FrameEncoder
{
    private readonly PooledBufferWriter _buffer = new();
    private readonly Utf8JsonWriter _json;

    public FrameEncoder()
    {
        _json = new Utf8JsonWriter(_buffer, new JsonWriterOptions { Indented = false });
    }

    /// <summary>
    /// <c>{"patientId":…,"seq":…,"ts":…,"hr":…,"rr":…,"spo2":…,"sbp":…,"dbp":…,"temp":…,"acvpu":"A","o2":…,"spo2Scale":…}</c>;
    /// absent values are left out.
    /// </summary>
    public OutboundFrame Vitals(string topic, long seq, DateTimeOffset timestamp, string? patientId, in VitalSigns vitals)
    {
        _json.WriteStartObject();
        if (patientId is not null)
        {
            _json.WriteString("patientId"u8, patientId);
        }

        WriteHeader(seq, timestamp);
        WriteInteger("hr"u8, vitals.Hr);
        WriteInteger("rr"u8, vitals.Rr);
        WriteInteger("spo2"u8, vitals.Spo2);
        WriteInteger("sbp"u8, vitals.Sbp);
        WriteInteger("dbp"u8, vitals.Dbp);
        if (vitals.Temp is { } temp)
        {
            WriteFixed("temp"u8, temp, "F1");
        }

        if (vitals.Acvpu is { } acvpu)
        {
            Span<byte> code = [(byte)acvpu.ToCode()];
            _json.WriteString("acvpu"u8, code);
        }

        if (vitals.O2 is { } o2)
        {
            _json.WriteBoolean("o2"u8, o2);
        }

        if (vitals.Spo2Scale is { } scale)
        {
            _json.WriteNumber("spo2Scale"u8, (int)scale);
        }

        _json.WriteEndObject();
        return Finish(topic, seq, FrameKind.Vitals);
    }

    /// <summary><c>{"seq":…,"ts":…,"lat":…,"lon":…,"speedKmh":…,"heading":…}</c>.</summary>
    public OutboundFrame Position(string topic, long seq, DateTimeOffset timestamp, double lat, double lon, double speedKmh, int heading)
    {
        _json.WriteStartObject();
        WriteHeader(seq, timestamp);
        WriteFixed("lat"u8, lat, "F5");
        WriteFixed("lon"u8, lon, "F5");
        WriteFixed("speedKmh"u8, speedKmh, "F1");
        _json.WriteNumber("heading"u8, heading);
        _json.WriteEndObject();
        return Finish(topic, seq, FrameKind.Position);
    }

    /// <summary><c>{"seq":…,"ts":…,"status":"transporting","patientId":…}</c>; patientId only with a patient on board.</summary>
    public OutboundFrame Status(string topic, long seq, DateTimeOffset timestamp, AmbulanceStatus status, string? patientId)
    {
        _json.WriteStartObject();
        WriteHeader(seq, timestamp);
        _json.WriteString("status"u8, status.ToCode());
        if (patientId is not null)
        {
            _json.WriteString("patientId"u8, patientId);
        }

        _json.WriteEndObject();
        return Finish(topic, seq, FrameKind.Status);
    }

    /// <summary>ISO 8601 UTC with milliseconds: <c>2026-11-23T07:37:17.123Z</c>.</summary>
    public static int FormatTimestamp(DateTimeOffset timestamp, Span<byte> destination)
    {
        if (!timestamp.UtcDateTime.TryFormat(destination, out var written, "yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture))
        {
            throw new ArgumentException("Destination too small for a timestamp.", nameof(destination));
        }

        return written;
    }

    private void WriteHeader(long seq, DateTimeOffset timestamp)
    {
        _json.WriteNumber("seq"u8, seq);
        Span<byte> ts = stackalloc byte[32];
        var length = FormatTimestamp(timestamp, ts);
        _json.WriteString("ts"u8, ts[..length]);
    }

    private void WriteInteger(ReadOnlySpan<byte> name, double? value)
    {
        if (value is { } v)
        {
            _json.WriteNumber(name, (long)Math.Round(v, MidpointRounding.AwayFromZero));
        }
    }

    /// <summary>A number with a fixed count of decimals (<c>38.0</c>, not <c>38</c>), invariant culture.</summary>
    private void WriteFixed(ReadOnlySpan<byte> name, double value, string format)
    {
        Span<byte> digits = stackalloc byte[32];
        if (!value.TryFormat(digits, out var written, format, CultureInfo.InvariantCulture))
        {
            throw new ArgumentOutOfRangeException(nameof(value), value, "Number too long.");
        }

        _json.WritePropertyName(name);
        _json.WriteRawValue(digits[..written], skipInputValidation: true);
    }

    private OutboundFrame Finish(string topic, long seq, FrameKind kind)
    {
        _json.Flush();
        var (array, length) = _buffer.Detach();
        _json.Reset(_buffer);
        return new OutboundFrame(topic, seq, kind, array, length);
    }
}
