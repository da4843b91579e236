using System.Globalization;
using System.Text.Json;
using Emergency.Domain.Ambulances;
using Emergency.Domain.Vitals;

namespace Emergency.Ingest.Tests.Fuzzing;

/// <summary>
/// Writes decoded frames back as contract JSON, for the property that re-encoding an accepted frame decodes to the
/// same frame. Absent optional values are written as <c>null</c> or left out, alternately, as devices may do either.
/// </summary>
internal static class FrameJson
{
    public static byte[] Encode(VitalsFrame frame) => Write(frame.Seq, frame.Timestamp, json =>
    {
        var v = frame.Vitals;
        OptionalString(json, "patientId", frame.PatientId);
        OptionalNumber(json, "hr", v.Hr);
        OptionalNumber(json, "rr", v.Rr);
        OptionalNumber(json, "spo2", v.Spo2);
        OptionalNumber(json, "sbp", v.Sbp);
        OptionalNumber(json, "dbp", v.Dbp);
        OptionalNumber(json, "temp", v.Temp);
        OptionalString(json, "acvpu", v.Acvpu?.ToCode().ToString());
        if (v.O2 is { } o2) json.WriteBoolean("o2", o2);
        OptionalNumber(json, "spo2Scale", (int?)v.Spo2Scale);
    });

    public static byte[] Encode(PositionFrame frame) => Write(frame.Seq, frame.Timestamp, json =>
    {
        json.WriteNumber("lat", frame.Lat);
        json.WriteNumber("lon", frame.Lon);
        OptionalNumber(json, "speedKmh", frame.SpeedKmh);
        OptionalNumber(json, "heading", frame.Heading);
    });

    public static byte[] Encode(StatusFrame frame) => Write(frame.Seq, frame.Timestamp, json =>
    {
        json.WriteString("status", frame.Status.ToCode());
        OptionalString(json, "patientId", frame.PatientId);
    });

    private static byte[] Write(long seq, DateTimeOffset ts, Action<Utf8JsonWriter> fields)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream))
        {
            json.WriteStartObject();
            json.WriteNumber("seq", seq);
            // Whole milliseconds as Unix milliseconds on odd seqs, ISO 8601 with every tick otherwise: both forms are decoded.
            if (ts.UtcTicks % TimeSpan.TicksPerMillisecond == 0 && seq % 2 == 1)
            {
                json.WriteNumber("ts", ts.ToUnixTimeMilliseconds());
            }
            else
            {
                json.WriteString("ts", ts.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture));
            }

            fields(json);
            json.WriteEndObject();
        }

        return stream.ToArray();
    }

    private static void OptionalNumber(Utf8JsonWriter json, string name, double? value)
    {
        if (value is { } v) json.WriteNumber(name, v);
        else if (name.Length % 2 == 0) json.WriteNull(name);
    }

    private static void OptionalString(Utf8JsonWriter json, string name, string? value)
    {
        if (value is not null) json.WriteString(name, value);
        else if (name.Length % 2 == 0) json.WriteNull(name);
    }
}
