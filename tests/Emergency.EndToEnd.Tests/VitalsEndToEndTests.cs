using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Emergency.EndToEnd.Tests.Infrastructure;
using Microsoft.AspNetCore.SignalR.Client;
using MQTTnet;
using MQTTnet.Formatter;
using static Emergency.EndToEnd.Tests.Infrastructure.Json;

namespace Emergency.EndToEnd.Tests;

/// <summary>A vital sign's whole path: device → MQTT → grains → HTTP and SignalR, through real clients only.</summary>
[Collection(HostCollection.Name)]
public sealed class VitalsEndToEndTests(HostFixture fx)
{
    private HostProcess Host => fx.Host;

    private static string NewId(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..20];

    private async Task<JsonElement> GetPatient(string patientId)
    {
        var response = await Host.Http.GetAsync($"/api/patients/{patientId}");
        Assert.True(response.IsSuccessStatusCode, $"GET patient {patientId}: {(int)response.StatusCode}\n{Host.Output}");
        return Parse(await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Mqttnet_publish_is_applied_before_its_puback_and_scored()
    {
        var patientId = NewId("P");
        var unit = NewId("AMB");
        await using var device = await TestDevice.ConnectAsync(Host.MqttPort, unit);

        var ack = await device.PublishAsync($"ems/sh/ambulance/{unit}/vitals",
            VitalsFrame(patientId, 1, DateTimeOffset.UtcNow, ExampleVitals));

        Assert.Equal(MqttClientPublishReasonCode.Success, ack.ReasonCode);
        // The PUBACK means applied: no waiting, no polling.
        var state = await GetPatient(patientId);
        Assert.Equal(patientId, state.GetProperty("patientId").GetString());
        Assert.Equal("sh", state.GetProperty("region").GetString());
        Assert.Equal("ambulance", state.GetProperty("source").GetProperty("kind").GetString());
        Assert.Equal(unit, state.GetProperty("source").GetProperty("id").GetString());
        var news2 = state.GetProperty("news2");
        Assert.Equal(11, news2.GetProperty("total").GetInt32());
        Assert.Equal("high", news2.GetProperty("risk").GetString());
        Assert.True(news2.GetProperty("complete").GetBoolean());
        var p = news2.GetProperty("parameters");
        Assert.Equal([2, 2, 2, 2, 2, 0, 1], new[] { "rr", "spo2", "o2", "sbp", "hr", "acvpu", "temp" }.Select(k => p.GetProperty(k).GetInt32()));
        var vitals = state.GetProperty("vitals");
        Assert.Equal(112, vitals.GetProperty("hr").GetDouble());
        Assert.Equal("A", vitals.GetProperty("acvpu").GetString());
        Assert.Equal(38.4, vitals.GetProperty("temp").GetDouble());
        // NEWS2 11 is high risk: the first reading is scored at once, so the high-priority alert is already raised.
        var alert = state.GetProperty("alert");
        Assert.Equal("news2-high", alert.GetProperty("kind").GetString());
        Assert.Equal("high", alert.GetProperty("priority").GetString());
        Assert.Equal("raised", alert.GetProperty("state").GetString());
        Assert.Equal(JsonValueKind.Null, state.GetProperty("destination").ValueKind);
    }

    [Fact]
    public async Task Mosquitto_pub_publish_is_applied_and_scored()
    {
        var patientId = NewId("P");
        var device = NewId("W");
        var frame = VitalsFrame(patientId, 1, DateTimeOffset.UtcNow,
            "\"hr\":95,\"rr\":22,\"spo2\":95,\"sbp\":105,\"temp\":38.2,\"acvpu\":\"A\",\"o2\":false");

        var run = await RunMosquittoPub($"ems/sh/wearable/{device}/vitals", frame, clientId: device);

        Assert.True(run.ExitCode == 0, $"mosquitto_pub failed ({run.ExitCode}): {run.Output}");
        var news2 = (await GetPatient(patientId)).GetProperty("news2");
        // hr 95 → 1, rr 22 → 2, spo2 95 → 1, air → 0, sbp 105 → 1, A → 0, temp 38.2 → 1
        Assert.Equal(6, news2.GetProperty("total").GetInt32());
        Assert.Equal("medium", news2.GetProperty("risk").GetString());
    }

    [Fact]
    public async Task SignalR_client_watching_the_region_receives_patientUpdated()
    {
        var patientId = NewId("P");
        var unit = NewId("AMB");
        var region = NewId("r");
        await using var hub = Host.LiveHub();
        var received = new TaskCompletionSource<JsonElement>(TaskCreationOptions.RunContinuationsAsynchronously);
        hub.On<JsonElement>("patientUpdated", s =>
        {
            if (s.GetProperty("patientId").GetString() == patientId) received.TrySetResult(s);
        });
        await hub.StartAsync();
        await hub.InvokeAsync("WatchRegion", region);
        await using var device = await TestDevice.ConnectAsync(Host.MqttPort, unit);

        await device.PublishAsync($"ems/{region}/ambulance/{unit}/vitals", VitalsFrame(patientId, 1, DateTimeOffset.UtcNow, ExampleVitals));

        var state = await received.Task.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(region, state.GetProperty("region").GetString());
        Assert.Equal(11, state.GetProperty("news2").GetProperty("total").GetInt32());
        Assert.True(state.GetProperty("version").GetInt64() > 0);
    }

    [Fact]
    public async Task SignalR_client_watching_another_region_receives_nothing_of_this_one()
    {
        var patientId = NewId("P");
        var unit = NewId("AMB");
        await using var hub = Host.LiveHub();
        var updates = new List<string>();
        hub.On<JsonElement>("patientUpdated", s => { lock (updates) updates.Add(s.GetProperty("patientId").GetString()!); });
        await hub.StartAsync();
        await hub.InvokeAsync("WatchRegion", NewId("elsewhere"));
        await hub.InvokeAsync("WatchPatient", NewId("P")); // someone else
        var marker = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var markerPatient = NewId("P");
        await hub.InvokeAsync("WatchPatient", markerPatient);
        hub.On<JsonElement>("patientUpdated", s => { if (s.GetProperty("patientId").GetString() == markerPatient) marker.TrySetResult(); });
        await using var device = await TestDevice.ConnectAsync(Host.MqttPort, unit);

        await device.PublishAsync($"ems/sh/ambulance/{unit}/vitals", VitalsFrame(patientId, 1, DateTimeOffset.UtcNow, ExampleVitals));
        // A later update this client does watch: once it arrives, the unwatched one would have too.
        await device.PublishAsync($"ems/sh/ambulance/{unit}/vitals", VitalsFrame(markerPatient, 2, DateTimeOffset.UtcNow, ExampleVitals));
        await marker.Task.WaitAsync(TimeSpan.FromSeconds(10));

        lock (updates) Assert.DoesNotContain(patientId, updates);
    }

    [Fact]
    public async Task Refused_frame_is_reported_on_the_rejects_topic_and_changes_nothing()
    {
        var patientId = NewId("P");
        var unit = NewId("AMB");
        await using var device = await TestDevice.ConnectAsync(Host.MqttPort, unit);
        await device.SubscribeAsync($"ems/sh/rejects/{unit}");
        var topic = $"ems/sh/ambulance/{unit}/vitals";
        await device.PublishAsync(topic, VitalsFrame(patientId, 1, DateTimeOffset.UtcNow, ExampleVitals));
        var before = await GetPatient(patientId);
        var refusedBefore = (await Host.GetJson<JsonElement>("/health/ready")).GetProperty("ingest").GetProperty("refusedPayload").GetInt64();

        // hr 400 is impossible: the whole frame goes, including its perfectly good temperature.
        var ack = await device.PublishAsync(topic, VitalsFrame(patientId, 2, DateTimeOffset.UtcNow, "\"hr\":400,\"temp\":36.5"));

        Assert.Equal(MqttClientPublishReasonCode.PayloadFormatInvalid, ack.ReasonCode);
        var reject = Parse(await device.NextMessage($"ems/sh/rejects/{unit}", TimeSpan.FromSeconds(10)));
        Assert.Equal(topic, reject.GetProperty("topic").GetString());
        Assert.Contains("hr", reject.GetProperty("reason").GetString());
        var after = await GetPatient(patientId);
        Assert.Equal(before.GetProperty("version").GetInt64(), after.GetProperty("version").GetInt64());
        Assert.Equal(38.4, after.GetProperty("vitals").GetProperty("temp").GetDouble());
        var refusedAfter = (await Host.GetJson<JsonElement>("/health/ready")).GetProperty("ingest").GetProperty("refusedPayload").GetInt64();
        Assert.True(refusedAfter > refusedBefore);
    }

    [Fact]
    public async Task Not_json_from_an_mqtt_311_device_is_refused_on_its_rejects_topic_and_the_service_stays_up()
    {
        var unit = NewId("AMB");
        await using var device = await TestDevice.ConnectAsync(Host.MqttPort, unit, MqttProtocolVersion.V311);
        await device.SubscribeAsync($"ems/sh/rejects/{unit}");

        await device.PublishAsync($"ems/sh/ambulance/{unit}/vitals", "hr=80 this is not json");

        var reject = Parse(await device.NextMessage($"ems/sh/rejects/{unit}", TimeSpan.FromSeconds(10)));
        Assert.Contains("JSON", reject.GetProperty("reason").GetString(), StringComparison.OrdinalIgnoreCase);
        Assert.Equal(HttpStatusCode.OK, (await Host.Http.GetAsync("/health/ready")).StatusCode);
    }

    [Fact]
    public async Task Publishing_on_an_unknown_topic_is_refused_with_a_reason()
    {
        var unit = NewId("AMB");
        await using var device = await TestDevice.ConnectAsync(Host.MqttPort, unit);
        await device.SubscribeAsync($"ems/sh/rejects/{unit}");

        var ack = await device.PublishAsync($"ems/sh/ambulance/{unit}/heartbeat", "{}");

        Assert.Equal(MqttClientPublishReasonCode.TopicNameInvalid, ack.ReasonCode);
        var reject = Parse(await device.NextMessage($"ems/sh/rejects/{unit}", TimeSpan.FromSeconds(10)));
        Assert.Equal($"ems/sh/ambulance/{unit}/heartbeat", reject.GetProperty("topic").GetString());
    }

    [Fact]
    public async Task Resent_seq_is_ignored_and_counted_as_duplicate()
    {
        var patientId = NewId("P");
        var unit = NewId("AMB");
        await using var device = await TestDevice.ConnectAsync(Host.MqttPort, unit);
        var topic = $"ems/sh/ambulance/{unit}/vitals";
        var now = DateTimeOffset.UtcNow;
        await device.PublishAsync(topic, VitalsFrame(patientId, 1, now, "\"hr\":70"));
        var version = (await GetPatient(patientId)).GetProperty("version").GetInt64();
        var duplicatesBefore = (await Host.GetJson<JsonElement>("/health/ready")).GetProperty("ingest").GetProperty("duplicates").GetInt64();

        var ack = await device.PublishAsync(topic, VitalsFrame(patientId, 1, now.AddSeconds(1), "\"hr\":150"));

        Assert.Equal(MqttClientPublishReasonCode.Success, ack.ReasonCode);
        var state = await GetPatient(patientId);
        Assert.Equal(70, state.GetProperty("vitals").GetProperty("hr").GetDouble());
        Assert.Equal(version, state.GetProperty("version").GetInt64());
        var duplicatesAfter = (await Host.GetJson<JsonElement>("/health/ready")).GetProperty("ingest").GetProperty("duplicates").GetInt64();
        Assert.True(duplicatesAfter > duplicatesBefore);
    }

    [Fact]
    public async Task Bound_wearable_may_omit_patient_id()
    {
        var patientId = NewId("P");
        var watch = NewId("W");
        await using var device = await TestDevice.ConnectAsync(Host.MqttPort, watch);
        var topic = $"ems/sh/wearable/{watch}/vitals";
        var now = DateTimeOffset.UtcNow;

        await device.PublishAsync(topic, VitalsFrame(patientId, 1, now, "\"hr\":70"));
        var ack = await device.PublishAsync(topic, VitalsFrame(null, 2, now.AddSeconds(1), "\"hr\":72,\"spo2\":97"));

        Assert.Equal(MqttClientPublishReasonCode.Success, ack.ReasonCode);
        var vitals = (await GetPatient(patientId)).GetProperty("vitals");
        Assert.Equal(72, vitals.GetProperty("hr").GetDouble());
        Assert.Equal(97, vitals.GetProperty("spo2").GetDouble());
    }

    [Fact]
    public async Task Region_listing_holds_the_region_patients()
    {
        var region = NewId("r");
        var unit = NewId("AMB");
        var patients = new[] { NewId("P"), NewId("P") };
        await using var device = await TestDevice.ConnectAsync(Host.MqttPort, unit);
        for (var i = 0; i < patients.Length; i++)
        {
            await device.PublishAsync($"ems/{region}/ambulance/{unit}/vitals", VitalsFrame(patients[i], i + 1, DateTimeOffset.UtcNow, ExampleVitals));
        }

        var list = Parse(await Host.Http.GetStringAsync($"/api/patients?region={region}"));

        Assert.Equal(patients.Order(), list.EnumerateArray().Select(p => p.GetProperty("patientId").GetString()).Order());
    }

    [Fact]
    public async Task Unknown_patient_is_404_and_a_malformed_id_is_400()
    {
        Assert.Equal(HttpStatusCode.NotFound, (await Host.Http.GetAsync($"/api/patients/{NewId("P")}")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await Host.Http.GetAsync("/api/patients/bad%20id")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await Host.Http.GetAsync("/api/patients")).StatusCode);
    }

    [Fact]
    public async Task Health_endpoints_answer()
    {
        Assert.Equal(HttpStatusCode.OK, (await Host.Http.GetAsync("/health/live")).StatusCode);
        var ready = Parse(await Host.Http.GetStringAsync("/health/ready"));
        Assert.Equal("ready", ready.GetProperty("status").GetString());
        Assert.Equal("up", ready.GetProperty("checks").GetProperty("broker").GetString());
    }

    [Fact]
    public async Task Metrics_endpoint_exposes_ingest_and_journal_figures()
    {
        var unit = NewId("AMB");
        await using var device = await TestDevice.ConnectAsync(Host.MqttPort, unit);
        await device.PublishAsync($"ems/sh/ambulance/{unit}/vitals", VitalsFrame(NewId("P"), 1, DateTimeOffset.UtcNow, ExampleVitals));

        var metrics = await Host.Http.GetStringAsync("/metrics");

        Assert.Contains("emergency_ingest_frames_accepted", metrics);
        Assert.Contains("emergency_journal_", metrics);
        Assert.Contains("emergency_history_consumer_lag_bytes", metrics);
    }

    [Fact]
    public async Task Accepted_vitals_reach_the_history_api_downsampled()
    {
        var patientId = NewId("P");
        var unit = NewId("AMB");
        await using var device = await TestDevice.ConnectAsync(Host.MqttPort, unit);
        var start = DateTimeOffset.UtcNow.AddMinutes(-1);
        var heartRates = new[] { 60, 70, 80, 90, 100 };
        for (var i = 0; i < heartRates.Length; i++)
        {
            await device.PublishAsync($"ems/sh/ambulance/{unit}/vitals", VitalsFrame(patientId, i + 1, start.AddSeconds(i), $"\"hr\":{heartRates[i]}"));
        }

        // The history writer follows the journal asynchronously: wait, bounded, for all five points.
        var query = $"/api/patients/{patientId}/history?from={start.AddMinutes(-5).ToUnixTimeMilliseconds()}&to={DateTimeOffset.UtcNow.AddMinutes(1).ToUnixTimeMilliseconds()}&step=1h";
        JsonElement hr = default;
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (DateTime.UtcNow < deadline)
        {
            var series = Parse(await Host.Http.GetStringAsync(query));
            var buckets = series.GetProperty("buckets").EnumerateArray().ToList();
            if (buckets.Count == 1 && buckets[0].GetProperty("hr").ValueKind == JsonValueKind.Object
                && buckets[0].GetProperty("hr").GetProperty("count").GetInt64() == heartRates.Length)
            {
                hr = buckets[0].GetProperty("hr");
                break;
            }
            await Task.Delay(100);
        }

        Assert.True(hr.ValueKind == JsonValueKind.Object, $"history did not show 5 points in time\n{Host.Output}");
        Assert.Equal(80, hr.GetProperty("mean").GetDouble(), 6);
        Assert.Equal(60, hr.GetProperty("min").GetDouble());
        Assert.Equal(100, hr.GetProperty("max").GetDouble());
    }

    [Fact]
    public async Task History_query_errors_name_the_parameter()
    {
        var response = await Host.Http.GetAsync($"/api/patients/{NewId("P")}/history?step=soon");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("step", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_board_page_is_served_by_the_host()
    {
        var html = await Host.Http.GetStringAsync("/");
        Assert.Contains("<html", html, StringComparison.OrdinalIgnoreCase);
        var script = await Host.Http.GetAsync("/lib/signalr/signalr.min.js");
        Assert.Equal(HttpStatusCode.OK, script.StatusCode);
    }

    private async Task<(int ExitCode, string Output)> RunMosquittoPub(string topic, string message, string clientId)
    {
        var info = new ProcessStartInfo("mosquitto_pub") { RedirectStandardOutput = true, RedirectStandardError = true };
        // -i: MQTTnet refuses the empty client id mosquitto_pub sends by default.
        foreach (var arg in new[] { "-h", "127.0.0.1", "-p", Host.MqttPort.ToString(), "-i", clientId, "-q", "1", "-t", topic, "-m", message })
        {
            info.ArgumentList.Add(arg);
        }
        Process process;
        try
        {
            process = Process.Start(info)!;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            throw new InvalidOperationException("mosquitto_pub is not installed: run the test script, which installs mosquitto-clients");
        }
        using (process)
        {
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
            return (process.ExitCode, await stdout + await stderr);
        }
    }
}
