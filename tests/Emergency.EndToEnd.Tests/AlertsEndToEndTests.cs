using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MQTTnet;
using Emergency.EndToEnd.Tests.Infrastructure;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using static Emergency.EndToEnd.Tests.Infrastructure.Json;

namespace Emergency.EndToEnd.Tests;

/// <summary>Alerts through real clients: MQTT frames in, SignalR events and HTTP answers out.</summary>
[Collection(HostCollection.Name)]
public sealed class AlertsEndToEndTests(HostFixture fx)
{
    private HostProcess Host => fx.Host;

    private static string NewId(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..20];

    private const string Baseline = "\"hr\":80,\"rr\":16,\"spo2\":97,\"sbp\":120,\"temp\":37.0,\"acvpu\":\"A\",\"o2\":false";
    private const string Desaturated = "\"hr\":80,\"rr\":16,\"spo2\":88,\"sbp\":120,\"temp\":37.0,\"acvpu\":\"A\",\"o2\":false";

    private async Task<HubConnection> WatchPatient(string patientId, Dictionary<string, TaskCompletionSource<JsonElement>> events)
    {
        var hub = Host.LiveHub();
        foreach (var (name, done) in events)
        {
            hub.On<JsonElement>(name, alert =>
            {
                if (alert.GetProperty("kind").GetString() == "single-parameter") done.TrySetResult(alert);
            });
        }
        await hub.StartAsync();
        await hub.InvokeAsync("WatchPatient", patientId);
        return hub;
    }

    private static TaskCompletionSource<JsonElement> Awaiting() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    [Fact]
    public async Task Desaturation_over_mqtt_raises_an_alert_and_an_http_acknowledgement_is_pushed()
    {
        var patientId = NewId("P");
        var unit = NewId("AMB");
        var raised = Awaiting();
        var acknowledged = Awaiting();
        await using var hub = await WatchPatient(patientId, new() { ["alertRaised"] = raised, ["alertAcknowledged"] = acknowledged });
        await using var device = await TestDevice.ConnectAsync(Host.MqttPort, unit);
        var topic = $"ems/sh/ambulance/{unit}/vitals";
        var t0 = DateTimeOffset.UtcNow.AddSeconds(-10);

        await device.PublishAsync(topic, VitalsFrame(patientId, 1, t0, Baseline));
        // Three consecutive desaturated frames confirm the new band (the monitor's alarm delay).
        for (var i = 1; i <= 3; i++)
        {
            await device.PublishAsync(topic, VitalsFrame(patientId, 1 + i, t0.AddSeconds(i), Desaturated));
        }

        var alert = await raised.Task.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal("medium", alert.GetProperty("priority").GetString());
        Assert.Equal("raised", alert.GetProperty("state").GetString());
        Assert.Contains("SpO2", alert.GetProperty("reason").GetString());
        var alertId = alert.GetProperty("alertId").GetString()!;
        var state = Parse(await Host.Http.GetStringAsync($"/api/patients/{patientId}"));
        Assert.Contains(state.GetProperty("alerts").EnumerateArray(), a => a.GetProperty("alertId").GetString() == alertId);

        var ack = await Host.Http.PostAsJsonAsync($"/api/patients/{patientId}/alerts/{alertId}/ack", new { by = "dr.chen" });

        Assert.Equal(HttpStatusCode.OK, ack.StatusCode);
        var answered = Parse(await ack.Content.ReadAsStringAsync());
        Assert.Equal("acknowledged", answered.GetProperty("state").GetString());
        Assert.Equal("dr.chen", answered.GetProperty("acknowledgedBy").GetString());
        var pushed = await acknowledged.Task.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(alertId, pushed.GetProperty("alertId").GetString());
        var history = Parse(await Host.Http.GetStringAsync($"/api/patients/{patientId}/alerts"));
        Assert.Contains(history.GetProperty("open").EnumerateArray(),
            a => a.GetProperty("alertId").GetString() == alertId && a.GetProperty("acknowledgedBy").GetString() == "dr.chen");
    }

    [Fact]
    public async Task Probe_off_blip_over_mqtt_raises_nothing()
    {
        var patientId = NewId("P");
        var unit = NewId("AMB");
        await using var device = await TestDevice.ConnectAsync(Host.MqttPort, unit);
        var topic = $"ems/sh/ambulance/{unit}/vitals";
        var t0 = DateTimeOffset.UtcNow.AddSeconds(-10);

        await device.PublishAsync(topic, VitalsFrame(patientId, 1, t0, Baseline));
        await device.PublishAsync(topic, VitalsFrame(patientId, 2, t0.AddSeconds(1), Baseline.Replace("\"spo2\":97", "\"spo2\":0")));
        await device.PublishAsync(topic, VitalsFrame(patientId, 3, t0.AddSeconds(2), Baseline));

        var alerts = Parse(await Host.Http.GetStringAsync($"/api/patients/{patientId}/alerts"));
        Assert.Empty(alerts.GetProperty("history").EnumerateArray());
    }

    [Fact]
    public async Task Acknowledging_through_the_hub_answers_the_alert_and_errors_are_clear()
    {
        var patientId = NewId("P");
        var unit = NewId("AMB");
        var raised = Awaiting();
        await using var hub = await WatchPatient(patientId, new() { ["alertRaised"] = raised });
        await using var device = await TestDevice.ConnectAsync(Host.MqttPort, unit);
        var t0 = DateTimeOffset.UtcNow.AddSeconds(-10);
        await device.PublishAsync($"ems/sh/ambulance/{unit}/vitals", VitalsFrame(patientId, 1, t0, Desaturated));
        var alertId = (await raised.Task.WaitAsync(TimeSpan.FromSeconds(10))).GetProperty("alertId").GetString()!;

        var answered = await hub.InvokeAsync<JsonElement>("AcknowledgeAlert", patientId, alertId, "nurse.wu");
        var unknown = await Assert.ThrowsAsync<HubException>(() => hub.InvokeAsync<JsonElement>("AcknowledgeAlert", patientId, "A-nope", "nurse.wu"));
        var noName = await Host.Http.PostAsJsonAsync($"/api/patients/{patientId}/alerts/{alertId}/ack", new { by = "" });
        var missing = await Host.Http.PostAsJsonAsync($"/api/patients/{patientId}/alerts/A-nope/ack", new { by = "nurse.wu" });

        Assert.Equal("nurse.wu", answered.GetProperty("acknowledgedBy").GetString());
        Assert.Contains("A-nope", unknown.Message);
        Assert.Equal(HttpStatusCode.BadRequest, noName.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task Context_makes_NEWS2_not_applicable_under_16_and_bad_context_names_the_field()
    {
        var patientId = NewId("P");
        var unit = NewId("AMB");
        await using var device = await TestDevice.ConnectAsync(Host.MqttPort, unit);
        await device.PublishAsync($"ems/sh/ambulance/{unit}/vitals", VitalsFrame(patientId, 1, DateTimeOffset.UtcNow, ExampleVitals));

        var ok = await Host.Http.PutAsJsonAsync($"/api/patients/{patientId}/context", new { ageYears = 12, sex = "F", condition = "paediatric" });
        var bad = await Host.Http.PutAsJsonAsync($"/api/patients/{patientId}/context", new { ageYears = 300, condition = "flu" });

        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        var news2 = Parse(await ok.Content.ReadAsStringAsync()).GetProperty("news2");
        Assert.False(news2.GetProperty("applicable").GetBoolean());
        Assert.Contains("16", news2.GetProperty("notApplicableReason").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var problem = await bad.Content.ReadAsStringAsync();
        Assert.Contains("ageYears", problem);
        Assert.Contains("condition", problem);
    }

    [Fact]
    public async Task Context_over_mqtt_rescores_the_patient_on_board_and_a_bad_one_is_refused_on_the_rejects_topic()
    {
        var patientId = NewId("P");
        var unit = NewId("AMB");
        await using var device = await TestDevice.ConnectAsync(Host.MqttPort, unit);
        await device.SubscribeAsync($"ems/sh/rejects/{unit}");
        await device.PublishAsync($"ems/sh/ambulance/{unit}/vitals", VitalsFrame(patientId, 1, DateTimeOffset.UtcNow, ExampleVitals));
        var topic = $"ems/sh/ambulance/{unit}/context";
        string Ts() => $"{DateTimeOffset.UtcNow.UtcDateTime:yyyy-MM-ddTHH:mm:ss.fffZ}";

        // No patientId: the patient on board. Applied before the PUBACK, so the state shows it at once.
        var ok = await device.PublishAsync(topic, $"{{\"seq\":2,\"ts\":\"{Ts()}\",\"ageYears\":12,\"sex\":\"F\",\"condition\":\"paediatric\"}}");

        Assert.Equal(MqttClientPublishReasonCode.Success, ok.ReasonCode);
        var state = Parse(await Host.Http.GetStringAsync($"/api/patients/{patientId}"));
        Assert.Equal(12, state.GetProperty("context").GetProperty("ageYears").GetInt32());
        Assert.Equal("paediatric", state.GetProperty("context").GetProperty("condition").GetString());
        Assert.False(state.GetProperty("news2").GetProperty("applicable").GetBoolean());
        var version = state.GetProperty("version").GetInt64();

        var bad = await device.PublishAsync(topic, $"{{\"seq\":3,\"ts\":\"{Ts()}\",\"ageYears\":40,\"condition\":\"flu\"}}");

        Assert.Equal(MqttClientPublishReasonCode.PayloadFormatInvalid, bad.ReasonCode);
        var reject = Parse(await device.NextMessage($"ems/sh/rejects/{unit}", TimeSpan.FromSeconds(10)));
        Assert.Equal(topic, reject.GetProperty("topic").GetString());
        Assert.StartsWith("condition:", reject.GetProperty("reason").GetString(), StringComparison.Ordinal);
        var after = Parse(await Host.Http.GetStringAsync($"/api/patients/{patientId}"));
        Assert.Equal(version, after.GetProperty("version").GetInt64());
        Assert.Equal(12, after.GetProperty("context").GetProperty("ageYears").GetInt32());
    }
}
