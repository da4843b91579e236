using System.Globalization;
using System.Text.Json;
using Emergency.EndToEnd.Tests.Infrastructure;
using static Emergency.EndToEnd.Tests.Infrastructure.Json;

namespace Emergency.EndToEnd.Tests;

/// <summary>The learned deterioration risk through the running host: MQTT frames in, the patient state's <c>risk</c> out.</summary>
[Collection(HostCollection.Name)]
public sealed class RiskEndToEndTests(HostFixture fx)
{
    private HostProcess Host => fx.Host;

    [Fact]
    public async Task A_deteriorating_patient_over_mqtt_gets_a_rising_risk_labelled_with_the_shipped_simulated_data_model()
    {
        var manifestFile = Path.Combine(RepositoryPaths.Root, "grains", "Emergency.Risk", "Model", "deterioration-risk.manifest.json");
        using var manifest = JsonDocument.Parse(await File.ReadAllTextAsync(manifestFile));
        var version = manifest.RootElement.GetProperty("modelVersion").GetString();
        var patientId = $"P-{Guid.NewGuid():N}"[..20];
        var unit = $"AMB-{Guid.NewGuid():N}"[..20];
        await using var device = await TestDevice.ConnectAsync(Host.MqttPort, unit);
        var topic = $"ems/sh/ambulance/{unit}/vitals";
        // 30 minutes of monitoring, ending now: a frame every 15 s, blood pressure every 3 minutes.
        var t0 = DateTimeOffset.UtcNow.AddMinutes(-30);
        var seq = 0;

        async Task Send(int fromMinute, int toMinute, Func<double, (double Hr, double Rr, double Spo2, double Sbp)> course)
        {
            for (var s = fromMinute * 60; s < toMinute * 60; s += 15)
            {
                var (hr, rr, spo2, sbp) = course(s / 60.0);
                var bp = s % 180 == 0 ? string.Create(CultureInfo.InvariantCulture, $",\"sbp\":{Math.Round(sbp)},\"dbp\":60") : "";
                var vitals = string.Create(CultureInfo.InvariantCulture,
                    $"\"hr\":{Math.Round(hr)},\"rr\":{Math.Round(rr)},\"spo2\":{Math.Round(spo2)}{bp},\"acvpu\":\"A\",\"o2\":false");
                await device.PublishAsync(topic, VitalsFrame(patientId, ++seq, t0.AddSeconds(s), vitals));
            }
        }

        await Send(0, 10, _ => (78, 15, 98, 128));
        var stable = Parse(await Host.Http.GetStringAsync($"/api/patients/{patientId}")).GetProperty("risk");
        await Send(10, 30, m => (78 + 2.6 * (m - 10), 15 + 0.7 * (m - 10), 98 - 0.4 * (m - 10), 128 - 2.5 * (m - 10)));
        var worse = Parse(await Host.Http.GetStringAsync($"/api/patients/{patientId}")).GetProperty("risk");

        Assert.Equal(version, stable.GetProperty("modelVersion").GetString());
        Assert.Equal(version, worse.GetProperty("modelVersion").GetString());
        Assert.Equal("simulated-data model, not for clinical use", worse.GetProperty("label").GetString());
        Assert.Contains("simulated", worse.GetProperty("trainedOn").GetString());
        var before = stable.GetProperty("probability").GetDouble();
        var after = worse.GetProperty("probability").GetDouble();
        Assert.True(after > before, $"risk {before} → {after}");
        Assert.NotEmpty(worse.GetProperty("topFactors").EnumerateArray());
        Assert.True(worse.GetProperty("topFactors")[0].GetProperty("contribution").GetDouble() > 0);
    }
}
