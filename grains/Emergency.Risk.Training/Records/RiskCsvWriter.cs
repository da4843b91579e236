using System.Globalization;
using System.Text;
using Emergency.Domain.Vitals;

namespace Emergency.Risk.Training.Records;

/// <summary>Writes patients in the training-data CSV format (<see cref="RiskCsvFormat"/>).</summary>
public static class RiskCsvWriter
{
    public static void Write(TextWriter writer, IEnumerable<PatientRecord> patients)
    {
        writer.WriteLine(string.Join(',', RiskCsvFormat.Columns));
        var line = new StringBuilder(128);
        foreach (var p in patients)
        {
            var age = p.AgeYears?.ToString(CultureInfo.InvariantCulture) ?? "";
            var outcomeAt = p.OutcomeAtMs is { } o ? Iso(o) : "";
            foreach (var f in p.Frames)
            {
                var v = f.Vitals;
                line.Clear()
                    .Append(p.PatientId).Append(',').Append(Iso(f.TimestampMs)).Append(',')
                    .Append(Num(v.Hr)).Append(',').Append(Num(v.Rr)).Append(',').Append(Num(v.Spo2)).Append(',')
                    .Append(Num(v.Sbp)).Append(',').Append(Num(v.Dbp)).Append(',').Append(Num(v.Temp)).Append(',')
                    .Append(v.Acvpu is { } a ? a.ToCode().ToString() : "").Append(',')
                    .Append(v.O2 is { } o2 ? (o2 ? "1" : "0") : "").Append(',')
                    .Append(v.Spo2Scale is { } s ? ((int)s).ToString(CultureInfo.InvariantCulture) : "").Append(',')
                    .Append(age).Append(',').Append(p.Outcome ?? "").Append(',').Append(outcomeAt);
                writer.WriteLine(line);
            }
        }
    }

    internal static string Iso(long ms) =>
        DateTimeOffset.FromUnixTimeMilliseconds(ms).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    private static string Num(double? v) => v is { } x ? x.ToString("0.##", CultureInfo.InvariantCulture) : "";
}
