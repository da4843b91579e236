using System.Text.Json;
using Emergency.Domain.Ecg.Synthesis;
using Emergency.Domain.Ecg.Wire;
using Emergency.EndToEnd.Tests.Infrastructure;
using static Emergency.EndToEnd.Tests.Infrastructure.Json;

namespace Emergency.EndToEnd.Tests;

/// <summary>
/// A simulated inferior STEMI streamed over MQTT raises "possible STEMI — confirm" through the alerting state
/// machine; a normal ECG of another patient raises nothing, and its findings show the rate and ST per lead.
/// </summary>
[Collection(HostCollection.Name)]
public sealed class EcgAlertEndToEndTests(HostFixture fx)
{
    private HostProcess Host => fx.Host;

    private static string NewId(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..20];

    private async Task<string> Stream(SyntheticEcgOptions options)
    {
        var region = NewId("r");
        var unit = NewId("AMB");
        var patient = NewId("P");
        await using var device = await TestDevice.ConnectAsync(Host.MqttPort, unit);
        var now = DateTimeOffset.UtcNow;
        Assert.True((await device.PublishAsync($"ems/{region}/ambulance/{unit}/status",
            $$"""{"seq":1,"ts":{{now.ToUnixTimeMilliseconds()}},"status":"transporting","patientId":"{{patient}}"}""")).IsSuccess);
        Assert.True((await device.PublishAsync($"ems/{region}/ambulance/{unit}/vitals",
            $$"""{"patientId":"{{patient}}","seq":2,"ts":"{{now:O}}","hr":{{options.HeartRateBpm}},"rr":16,"spo2":97,"sbp":128,"temp":36.8,"acvpu":"A","o2":false}""")).IsSuccess);
        var ecg = new SyntheticEcg(options);
        var start = now.ToUnixTimeMilliseconds() - 8_000;
        for (uint seq = 0; seq < 32; seq++) // 8 s in 250 ms blocks
        {
            var frame = EcgFrameEncoder.Encode(ecg.NextBlock(seq, start + (seq * 250), 125));
            var ack = await device.PublishAsync($"ems/{region}/ambulance/{unit}/ecg", frame);
            Assert.True(ack.IsSuccess, ack.ReasonString);
        }
        return patient;
    }

    private async Task<JsonElement> Findings(string patient)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (true)
        {
            var body = Parse(await Host.Http.GetStringAsync($"/api/patients/{patient}/ecg"));
            if (body.GetProperty("findings").ValueKind == JsonValueKind.Object) return body.GetProperty("findings");
            Assert.True(DateTime.UtcNow < deadline, "no ECG findings within 20 s");
            await Task.Delay(200);
        }
    }

    [Fact]
    public async Task A_simulated_inferior_stemi_raises_a_possible_stemi_alert_at_high_priority_for_a_clinician_to_confirm()
    {
        var patient = await Stream(new SyntheticEcgOptions { HeartRateBpm = 80, NoiseMv = 0.02, StDeviationMv = SyntheticEcgOptions.Inferior(0.25) });

        var findings = await Findings(patient);
        Assert.True(findings.GetProperty("possibleStemi").GetBoolean());
        Assert.Equal(["II", "III", "aVF"], findings.GetProperty("stemiLeads").EnumerateArray().Select(l => l.GetString()));
        Assert.InRange(findings.GetProperty("stMillivolts").GetProperty("II").GetDouble(), 0.20, 0.30);
        var alerts = Parse(await Host.Http.GetStringAsync($"/api/patients/{patient}/alerts"));
        var stemi = Assert.Single(alerts.GetProperty("open").EnumerateArray(), a => a.GetProperty("kind").GetString() == "possible-stemi");
        Assert.Equal("high", stemi.GetProperty("priority").GetString());
        Assert.StartsWith("possible STEMI — confirm", stemi.GetProperty("reason").GetString());
    }

    [Fact]
    public async Task A_normal_ecg_raises_no_stemi_alert_and_reports_its_rate_agreeing_with_the_monitor()
    {
        var patient = await Stream(new SyntheticEcgOptions { HeartRateBpm = 72, NoiseMv = 0.02 });

        var findings = await Findings(patient);
        Assert.False(findings.GetProperty("possibleStemi").GetBoolean());
        Assert.InRange(findings.GetProperty("heartRate").GetDouble(), 70, 74);
        Assert.False(findings.GetProperty("heartRateDisagrees").GetBoolean());
        var alerts = Parse(await Host.Http.GetStringAsync($"/api/patients/{patient}/alerts"));
        Assert.DoesNotContain(alerts.GetProperty("open").EnumerateArray(), a => a.GetProperty("kind").GetString() == "possible-stemi");
    }
}
