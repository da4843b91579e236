using System.Globalization;
using Emergency.Domain.Dispatch;
using Emergency.Domain.Hospitals;

namespace Emergency.Domain.Tests.Dispatch;

/// <summary>
/// Hospitals for scenario tables, written as one line: <c>"H-02 12 pci resus=1/4"</c> is H-02, 12 min away,
/// PCI 24/7, 1 of 4 resus bays free.
/// </summary>
/// <remarks>
/// Tokens after id and ETA (a number, or <c>none</c> for no route):
/// <c>pci</c>, <c>primary</c> / <c>thrombectomy</c> (stroke), <c>t1</c> / <c>t2</c> / <c>t3</c> (trauma level),
/// <c>paed</c>, <c>obst</c>, <c>resus=free/total</c>, <c>ed=free/total</c>, <c>icu=n</c>, <c>noor</c> (no theatre),
/// <c>div</c> (diversion "full", no end), <c>div=+30</c> / <c>div=-10</c> (diversion ending that many minutes from now),
/// <c>age=75</c> (capacity reported that many minutes ago). Defaults: resus 2/4, ed 10/40, icu 2, theatre available,
/// open, reported 5 min ago.
/// </remarks>
internal static class HospitalSpec
{
    public static readonly DateTimeOffset Now = new(2026, 11, 23, 6, 0, 0, TimeSpan.Zero);

    public static HospitalEta Parse(string spec) => Parse(spec, Now);

    public static HospitalEta Parse(string spec, DateTimeOffset now)
    {
        var tokens = spec.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        string id = tokens[0];
        TimeSpan? eta = tokens[1] == "none" ? null : TimeSpan.FromMinutes(double.Parse(tokens[1], CultureInfo.InvariantCulture));

        var caps = HospitalCapabilities.EmergencyDepartmentOnly;
        var capacity = new HospitalCapacity(4, 2, 40, 10, 2, true);
        var status = EdStatus.Open;
        var updatedAt = now.AddMinutes(-5);

        foreach (var token in tokens.Skip(2))
        {
            var (key, value) = token.Split('=') is [var k, var v] ? (k, v) : (token, "");
            switch (key)
            {
                case "pci": caps = caps with { Pci24x7 = true }; break;
                case "primary": caps = caps with { Stroke = StrokeCapability.Primary }; break;
                case "thrombectomy": caps = caps with { Stroke = StrokeCapability.Thrombectomy }; break;
                case "t1": caps = caps with { TraumaLevel = TraumaLevel.Level1 }; break;
                case "t2": caps = caps with { TraumaLevel = TraumaLevel.Level2 }; break;
                case "t3": caps = caps with { TraumaLevel = TraumaLevel.Level3 }; break;
                case "paed": caps = caps with { Paediatric = true }; break;
                case "obst": caps = caps with { Obstetric = true }; break;
                case "resus": var (rf, rt) = Pair(value); capacity = capacity with { ResusBaysFree = rf, ResusBaysTotal = rt }; break;
                case "ed": var (ef, et) = Pair(value); capacity = capacity with { EdBedsFree = ef, EdBedsTotal = et }; break;
                case "icu": capacity = capacity with { IcuBedsFree = int.Parse(value, CultureInfo.InvariantCulture) }; break;
                case "noor": capacity = capacity with { OrAvailable = false }; break;
                case "div":
                    status = value.Length == 0
                        ? EdStatus.Diversion("full")
                        : EdStatus.Diversion("full", now.AddMinutes(int.Parse(value, CultureInfo.InvariantCulture)));
                    break;
                case "age": updatedAt = now.AddMinutes(-int.Parse(value, CultureInfo.InvariantCulture)); break;
                default: throw new ArgumentException($"unknown token {token} in \"{spec}\"");
            }
        }

        var hospital = new Hospital(id, id + " (test)", "sh", 31.2, 121.5, caps, capacity, status, updatedAt, "test");
        return new HospitalEta(hospital, eta);
    }

    public static List<HospitalEta> ParseAll(params string[] specs) => specs.Select(s => Parse(s)).ToList();

    private static (int Free, int Total) Pair(string value)
    {
        var parts = value.Split('/');
        return (int.Parse(parts[0], CultureInfo.InvariantCulture), int.Parse(parts[1], CultureInfo.InvariantCulture));
    }
}
