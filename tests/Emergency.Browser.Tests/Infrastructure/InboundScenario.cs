using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Emergency.EndToEnd.Tests.Infrastructure;

namespace Emergency.Browser.Tests.Infrastructure;

/// <summary>
/// Four ambulances heading to one hospital, each with the last 15 minutes of its patient's vitals (a frame every
/// 30 s, as a monitor's store-and-forward would deliver them) drifting from a start to an end reading: a septic
/// patient deteriorating, a STEMI, a bleeding trauma patient and a COPD patient on oxygen (SpO2 scale 2).
/// </summary>
public static class InboundScenario
{
    private static readonly TimeSpan Span = TimeSpan.FromMinutes(15);
    private static readonly TimeSpan Every = TimeSpan.FromSeconds(30);

    private sealed record Course(string Prefix, double LatOffset, double LonOffset, object Context,
        (double Hr, double Rr, double Spo2, double Sbp, double Temp) From, (double Hr, double Rr, double Spo2, double Sbp, double Temp) To,
        bool Oxygen, string Acvpu, int Spo2Scale);

    private static readonly Course[] Courses =
    [
        new("SEP", 0.045, -0.060, new { ageYears = 72, sex = "F", condition = "sepsis" },
            (98, 20, 95, 118, 38.3), (124, 27, 91, 92, 39.2), false, "C", 1),
        new("STE", -0.030, -0.085, new { ageYears = 61, sex = "M", condition = "stemi" },
            (88, 18, 96, 142, 36.8), (96, 19, 96, 128, 36.9), true, "A", 1),
        new("TRA", 0.020, 0.070, new { ageYears = 34, sex = "M", condition = "trauma", traumaRedCriteria = new[] { "active-bleeding" } },
            (104, 22, 97, 112, 36.4), (132, 26, 94, 86, 36.0), true, "A", 1),
        new("RES", -0.055, 0.030, new { ageYears = 78, sex = "F", condition = "respiratory", hypercapnicRespiratoryFailure = true },
            (92, 24, 88, 136, 37.4), (98, 25, 89, 130, 37.6), true, "A", 2),
    ];

    /// <summary>Publishes the frames, waits until the history store holds them, then sends every unit to the hospital.</summary>
    public static async Task<IReadOnlyList<(SimulatedAmbulance Ambulance, string LatestVitals)>> SendAsync(HostProcess host, string hospitalId)
    {
        var hospital = Json.Parse(await host.Http.GetStringAsync($"/api/hospitals/{hospitalId}"));
        var (lat, lon) = (hospital.GetProperty("lat").GetDouble(), hospital.GetProperty("lon").GetDouble());
        var random = new Random(20261123);
        var now = DateTimeOffset.UtcNow;
        var frames = (int)(Span / Every);
        var ambulances = new List<(SimulatedAmbulance Ambulance, string LatestVitals)>();
        foreach (var c in Courses)
        {
            var ambulance = await SimulatedAmbulance.ConnectAsync(host, c.Prefix, lat + c.LatOffset, lon + c.LonOffset);
            var latest = "";
            for (var i = 0; i <= frames; i++)
            {
                var f = (double)i / frames;
                double Drift(double a, double b, double noise) => a + (b - a) * f + (random.NextDouble() - 0.5) * noise;
                var vitals = string.Create(CultureInfo.InvariantCulture,
                    $"\"hr\":{Math.Round(Drift(c.From.Hr, c.To.Hr, 4))},\"rr\":{Math.Round(Drift(c.From.Rr, c.To.Rr, 1.5))}," +
                    $"\"spo2\":{Math.Round(Drift(c.From.Spo2, c.To.Spo2, 1.2))},\"sbp\":{Math.Round(Drift(c.From.Sbp, c.To.Sbp, 5))}," +
                    $"\"dbp\":{Math.Round(Drift(c.From.Sbp, c.To.Sbp, 5) * 0.62)},\"temp\":{Drift(c.From.Temp, c.To.Temp, 0.1):0.0}," +
                    $"\"acvpu\":\"{(f > 0.6 ? c.Acvpu : "A")}\",\"o2\":{(c.Oxygen ? "true" : "false")},\"spo2Scale\":{c.Spo2Scale}");
                await ambulance.VitalsAsync(vitals, now - Span + Every * i);
                latest = vitals;
            }
            ambulances.Add((ambulance, latest));
            using var context = await host.Http.PutAsJsonAsync($"/api/patients/{ambulance.PatientId}/context", c.Context);
            Assert.True(context.IsSuccessStatusCode, await context.Content.ReadAsStringAsync());
        }
        foreach (var (ambulance, _) in ambulances)
        {
            await Eventually.Until(() => HrBuckets(host, ambulance.PatientId), n => n >= frames, TimeSpan.FromSeconds(30),
                $"history of {ambulance.PatientId}");
            await ambulance.SendToAsync(host, hospitalId, "dispatcher.wang");
        }
        return ambulances;
    }

    private static async Task<int> HrBuckets(HostProcess host, string patientId)
    {
        var body = Json.Parse(await host.Http.GetStringAsync($"/api/patients/{patientId}/history?step=15s"));
        return body.GetProperty("buckets").EnumerateArray().Count(b => b.GetProperty("hr").ValueKind == JsonValueKind.Object);
    }
}
