using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Emergency.EndToEnd.Tests.Infrastructure;
using Microsoft.AspNetCore.SignalR.Client;
using static Emergency.EndToEnd.Tests.Infrastructure.Json;

namespace Emergency.EndToEnd.Tests;

/// <summary>Hospitals, recommendations and destinations through real clients: HTTP, MQTT and SignalR.</summary>
[Collection(HostCollection.Name)]
public sealed class HospitalsEndToEndTests(HostFixture fx)
{
    private HostProcess Host => fx.Host;

    private static string NewId(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..20];

    private static TaskCompletionSource<JsonElement> Awaiting() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private async Task<HubConnection> WatchHospital(string hospitalId, string method, TaskCompletionSource<JsonElement> received,
        Func<JsonElement, bool>? match = null)
    {
        var hub = Host.LiveHub();
        hub.On<JsonElement>(method, e =>
        {
            if (match is null || match(e)) received.TrySetResult(e);
        });
        await hub.StartAsync();
        await hub.InvokeAsync("WatchHospital", hospitalId);
        return hub;
    }

    private static object Capacity(int resusFree = 1, int resusTotal = 4) => new
    {
        resusBaysTotal = resusTotal, resusBaysFree = resusFree, edBedsTotal = 30, edBedsFree = 5, icuBedsFree = 1, orAvailable = true,
    };

    [Fact]
    public async Task Hospitals_of_the_demo_region_are_listed_in_the_contract_shape()
    {
        var list = Parse(await Host.Http.GetStringAsync("/api/hospitals?region=sh")).EnumerateArray().ToList();
        var one = Parse(await Host.Http.GetStringAsync("/api/hospitals/H-01"));
        var unknown = await Host.Http.GetAsync("/api/hospitals/H-99");
        var noRegion = await Host.Http.GetAsync("/api/hospitals");

        Assert.Contains("DEMONSTRATION DATA", Host.Output);
        Assert.Contains("ETAs and quoted times in Asia/Shanghai", Host.Output); // the region file's zone
        Assert.Equal(17, list.Count);
        Assert.Equal(Enumerable.Range(1, 17).Select(i => $"H-{i:D2}"), list.Select(h => h.GetProperty("hospitalId").GetString()));
        Assert.Equal("sh", one.GetProperty("region").GetString());
        Assert.Contains("(demo)", one.GetProperty("name").GetString());
        Assert.Equal(1, one.GetProperty("capabilities").GetProperty("traumaLevel").GetInt32());
        Assert.Equal("thrombectomy", one.GetProperty("capabilities").GetProperty("stroke").GetString());
        Assert.True(one.GetProperty("capacity").GetProperty("resusBaysTotal").GetInt32() > 0);
        Assert.Equal("open", one.GetProperty("status").GetProperty("state").GetString());
        Assert.False(one.GetProperty("stale").GetBoolean());
        Assert.Equal(JsonValueKind.Number, one.GetProperty("inbound").ValueKind);
        Assert.Equal(JsonValueKind.Array, one.GetProperty("inboundUnits").ValueKind);
        Assert.Equal("region-file", one.GetProperty("updatedBy").GetString());
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, noRegion.StatusCode);
    }

    [Fact]
    public async Task Capacity_with_more_free_than_total_is_refused_naming_the_field()
    {
        var tooMany = await Host.Http.PutAsJsonAsync("/api/hospitals/H-14/capacity",
            new { capacity = Capacity(resusFree: 5, resusTotal: 4), status = new { state = "open" }, by = "nurse.li" });
        var badState = await Host.Http.PutAsJsonAsync("/api/hospitals/H-14/capacity",
            new { capacity = Capacity(), status = new { state = "closed" }, by = "nurse.li" });
        var missingCount = await Host.Http.PutAsJsonAsync("/api/hospitals/H-14/capacity",
            new { capacity = new { resusBaysTotal = 4, resusBaysFree = 1 }, status = new { state = "open" }, by = "nurse.li" });
        var noBy = await Host.Http.PutAsJsonAsync("/api/hospitals/H-14/capacity",
            new { capacity = Capacity(), status = new { state = "open" } });
        var unknown = await Host.Http.PutAsJsonAsync("/api/hospitals/H-99/capacity",
            new { capacity = Capacity(), status = new { state = "open" }, by = "nurse.li" });

        Assert.Equal(HttpStatusCode.BadRequest, tooMany.StatusCode);
        Assert.Contains("capacity.resusBaysFree (5) exceeds capacity.resusBaysTotal (4)", await tooMany.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.BadRequest, badState.StatusCode);
        Assert.Contains("status.state", await badState.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.BadRequest, missingCount.StatusCode);
        Assert.Contains("edBedsTotal", await missingCount.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.BadRequest, noBy.StatusCode);
        Assert.Contains("by:", await noBy.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        var unchanged = Parse(await Host.Http.GetStringAsync("/api/hospitals/H-14"));
        Assert.Equal("region-file", unchanged.GetProperty("updatedBy").GetString());
    }

    [Fact]
    public async Task A_valid_capacity_report_is_pushed_to_the_hospital_watchers()
    {
        var updated = Awaiting();
        await using var hub = await WatchHospital("H-16", "hospitalUpdated", updated, e => e.GetProperty("updatedBy").GetString() == "charge.nurse.zhao");
        var request = new HttpRequestMessage(HttpMethod.Put, "/api/hospitals/H-16/capacity")
        {
            Content = JsonContent.Create(new { capacity = Capacity(resusFree: 0), status = new { state = "open", reason = "busy evening" } }),
        };
        request.Headers.Add("X-Updated-By", "charge.nurse.zhao");

        var response = await Host.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var answer = Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(0, answer.GetProperty("capacity").GetProperty("resusBaysFree").GetInt32());
        var pushed = await updated.Task.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal("H-16", pushed.GetProperty("hospitalId").GetString());
        Assert.Equal(0, pushed.GetProperty("capacity").GetProperty("resusBaysFree").GetInt32());
        Assert.Equal("busy evening", pushed.GetProperty("status").GetProperty("reason").GetString());
        Assert.False(pushed.GetProperty("stale").GetBoolean());
    }

    [Fact]
    public async Task Stemi_patient_gets_a_pci_centre_first_and_choosing_it_is_pushed_to_the_hospital_with_an_eta()
    {
        var patientId = NewId("P");
        var unit = NewId("AMB");
        await using var device = await TestDevice.ConnectAsync(Host.MqttPort, unit);
        var now = DateTimeOffset.UtcNow;
        await device.PublishAsync($"ems/sh/ambulance/{unit}/position",
            $"{{\"seq\":1,\"ts\":\"{now.UtcDateTime:yyyy-MM-ddTHH:mm:ss.fffZ}\",\"lat\":31.2000,\"lon\":121.4500,\"speedKmh\":40,\"heading\":90}}");
        await device.PublishAsync($"ems/sh/ambulance/{unit}/vitals", VitalsFrame(patientId, 2, now, ExampleVitals));
        var context = await Host.Http.PutAsJsonAsync($"/api/patients/{patientId}/context", new { ageYears = 61, sex = "M", condition = "stemi" });
        Assert.Equal(HttpStatusCode.OK, context.StatusCode);

        var ranked = await Host.Http.PostAsJsonAsync("/api/dispatch/recommendations", new { patientId });

        Assert.Equal(HttpStatusCode.OK, ranked.StatusCode);
        var recommendation = Parse(await ranked.Content.ReadAsStringAsync());
        Assert.Equal(patientId, recommendation.GetProperty("patientId").GetString());
        var first = recommendation.GetProperty("hospitals")[0];
        Assert.Equal(1, first.GetProperty("rank").GetInt32());
        Assert.True(first.GetProperty("capable").GetBoolean());
        Assert.True(first.GetProperty("etaMinutes").GetDouble() > 0);
        Assert.NotEmpty(first.GetProperty("reasons").EnumerateArray());
        Assert.Contains("PCI", string.Join(" ", first.GetProperty("reasons").EnumerateArray().Select(r => r.GetString())));
        var hospitalId = first.GetProperty("hospitalId").GetString()!;
        var hospital = Parse(await Host.Http.GetStringAsync($"/api/hospitals/{hospitalId}"));
        Assert.True(hospital.GetProperty("capabilities").GetProperty("pci24x7").GetBoolean());

        var inbound = Awaiting();
        await using var hub = await WatchHospital(hospitalId, "patientInbound", inbound, e => e.GetProperty("patientId").GetString() == patientId);
        var chosen = await Host.Http.PutAsJsonAsync($"/api/ambulances/{unit}/destination",
            new { hospitalId, patientId, by = "dispatcher.wang", reason = "nearest PCI centre" });

        Assert.Equal(HttpStatusCode.OK, chosen.StatusCode);
        var ambulance = Parse(await chosen.Content.ReadAsStringAsync());
        Assert.Equal(unit, ambulance.GetProperty("unitId").GetString());
        var destination = ambulance.GetProperty("destination");
        Assert.Equal(hospitalId, destination.GetProperty("hospitalId").GetString());
        Assert.Equal(1, destination.GetProperty("recommendedRank").GetInt32());
        Assert.Equal("dispatcher.wang", destination.GetProperty("decidedBy").GetString());
        Assert.True(destination.GetProperty("etaMinutes").GetDouble() > 0);
        var pushed = await inbound.Task.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(hospitalId, pushed.GetProperty("destination").GetProperty("hospitalId").GetString());
        Assert.True(pushed.GetProperty("destination").GetProperty("etaMinutes").GetDouble() > 0);
        Assert.Equal("stemi", pushed.GetProperty("context").GetProperty("condition").GetString());
        var after = Parse(await Host.Http.GetStringAsync($"/api/hospitals/{hospitalId}"));
        Assert.Contains(after.GetProperty("inboundUnits").EnumerateArray(), u => u.GetProperty("patientId").GetString() == patientId);
        var inboundPatients = Parse(await Host.Http.GetStringAsync($"/api/patients?hospitalId={hospitalId}"));
        Assert.Contains(inboundPatients.EnumerateArray(), p => p.GetProperty("patientId").GetString() == patientId);

        // The crew reports arrival: the unit is no longer inbound.
        await device.PublishAsync($"ems/sh/ambulance/{unit}/status",
            $"{{\"seq\":3,\"ts\":\"{DateTimeOffset.UtcNow.UtcDateTime:yyyy-MM-ddTHH:mm:ss.fffZ}\",\"status\":\"at-hospital\",\"patientId\":\"{patientId}\"}}");
        var arrived = Parse(await Host.Http.GetStringAsync($"/api/hospitals/{hospitalId}"));
        Assert.DoesNotContain(arrived.GetProperty("inboundUnits").EnumerateArray(), u => u.GetProperty("patientId").GetString() == patientId);
    }

    [Fact]
    public async Task High_risk_patient_driven_in_gets_falling_etas_a_held_resus_bay_and_arrival_by_geofence_releases_it()
    {
        var patientId = NewId("P");
        var unit = NewId("AMB");
        await using var device = await TestDevice.ConnectAsync(Host.MqttPort, unit);
        long seq = 0;
        string Now() => $"{DateTimeOffset.UtcNow.UtcDateTime:yyyy-MM-ddTHH:mm:ss.fffZ}";
        Task Fix(double lat, double lon) => device.PublishAsync($"ems/sh/ambulance/{unit}/position",
            string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"{{\"seq\":{++seq},\"ts\":\"{Now()}\",\"lat\":{lat:F6},\"lon\":{lon:F6},\"speedKmh\":45,\"heading\":45}}"));
        (double Lat, double Lon) start = (31.1800, 121.4000);
        await Fix(start.Lat, start.Lon);
        await device.PublishAsync($"ems/sh/ambulance/{unit}/vitals", VitalsFrame(patientId, ++seq, DateTimeOffset.UtcNow, ExampleVitals));

        var ranked = Parse(await (await Host.Http.PostAsJsonAsync("/api/dispatch/recommendations", new { patientId })).Content.ReadAsStringAsync());
        var hospitalId = ranked.GetProperty("hospitals")[0].GetProperty("hospitalId").GetString()!;
        var hospital = Parse(await Host.Http.GetStringAsync($"/api/hospitals/{hospitalId}"));
        (double Lat, double Lon) target = (hospital.GetProperty("lat").GetDouble(), hospital.GetProperty("lon").GetDouble());

        var inbound = new System.Collections.Concurrent.ConcurrentQueue<double>();
        await using var hub = Host.LiveHub();
        hub.On<JsonElement>("patientInbound", e =>
        {
            if (e.GetProperty("patientId").GetString() == patientId
                && e.GetProperty("destination").GetProperty("etaMinutes") is { ValueKind: JsonValueKind.Number } eta)
            {
                inbound.Enqueue(eta.GetDouble());
            }
        });
        await hub.StartAsync();
        await hub.InvokeAsync("WatchHospital", hospitalId);

        var chosen = await Host.Http.PutAsJsonAsync($"/api/ambulances/{unit}/destination", new { hospitalId, patientId, by = "dispatcher.wang" });
        Assert.Equal(HttpStatusCode.OK, chosen.StatusCode);
        var decision = Parse(await chosen.Content.ReadAsStringAsync()).GetProperty("destination");
        Assert.Equal("NEWS2 high", decision.GetProperty("resusHold").GetString());
        Assert.Equal(JsonValueKind.String, decision.GetProperty("resusHoldUntil").ValueKind);
        Assert.Equal(1, Parse(await Host.Http.GetStringAsync($"/api/hospitals/{hospitalId}")).GetProperty("resusBaysHeld").GetInt32());

        // Another high-risk patient nearby is told the bay is held.
        var other = Parse(await (await Host.Http.PostAsJsonAsync("/api/dispatch/recommendations",
            new { lat = target.Lat - 0.01, lon = target.Lon, condition = "other", news2Risk = "high" })).Content.ReadAsStringAsync());
        var otherView = other.GetProperty("hospitals").EnumerateArray().Single(h => h.GetProperty("hospitalId").GetString() == hospitalId);
        Assert.Contains(otherView.GetProperty("reasons").EnumerateArray(), r => r.GetString()!.Contains("held for inbound", StringComparison.Ordinal));

        // Drive in: each fix nearer, each ETA pushed to the hospital's watchers lower than the one before.
        var etas = new List<double>();
        foreach (var part in new[] { 0.25, 0.5, 0.75, 0.95 })
        {
            var seen = inbound.Count;
            await Fix(start.Lat + (target.Lat - start.Lat) * part, start.Lon + (target.Lon - start.Lon) * part);
            var deadline = DateTime.UtcNow.AddSeconds(10);
            while (inbound.Count == seen && DateTime.UtcNow < deadline) await Task.Delay(20);
            Assert.True(inbound.Count > seen, $"no patientInbound after the fix at {part:P0} of the way");
            etas.Add(inbound.Last());
        }
        Assert.True(etas.Zip(etas.Skip(1)).All(pair => pair.Second < pair.First), $"ETAs did not fall: {string.Join(", ", etas)}");
        Assert.Equal(1, Parse(await Host.Http.GetStringAsync($"/api/hospitals/{hospitalId}")).GetProperty("resusBaysHeld").GetInt32());

        // ~30 m from the entrance: arrived. The hold ends and the patient stays on the hospital's list, arrived.
        await Fix(target.Lat + 0.0003, target.Lon);
        var after = Parse(await Host.Http.GetStringAsync($"/api/hospitals/{hospitalId}"));
        Assert.Equal(0, after.GetProperty("resusBaysHeld").GetInt32());
        Assert.DoesNotContain(after.GetProperty("inboundUnits").EnumerateArray(), u => u.GetProperty("unitId").GetString() == unit);
        var arrived = after.GetProperty("arrivedUnits").EnumerateArray().Single(u => u.GetProperty("unitId").GetString() == unit);
        Assert.Equal(JsonValueKind.String, arrived.GetProperty("arrivedAt").ValueKind);
        Assert.Equal(JsonValueKind.Null, arrived.GetProperty("resusHoldUntil").ValueKind);
        var listed = Parse(await Host.Http.GetStringAsync($"/api/patients?hospitalId={hospitalId}"))
            .EnumerateArray().Single(p => p.GetProperty("patientId").GetString() == patientId);
        Assert.Equal(JsonValueKind.String, listed.GetProperty("destination").GetProperty("arrivedAt").ValueKind);
        var unitState = Parse(await Host.Http.GetStringAsync($"/api/ambulances/{unit}"));
        Assert.Equal(JsonValueKind.Null, unitState.GetProperty("destination").ValueKind);
    }

    [Fact]
    public async Task Recommendations_and_destinations_refuse_bad_input_clearly()
    {
        var empty = await Host.Http.PostAsJsonAsync("/api/dispatch/recommendations", new { });
        var bad = await Host.Http.PostAsJsonAsync("/api/dispatch/recommendations", new { lat = 95.0, lon = 121.4, condition = "flu", news2Risk = "severe" });
        var unknownPatient = await Host.Http.PostAsJsonAsync("/api/dispatch/recommendations", new { patientId = NewId("P") });
        var adHoc = await Host.Http.PostAsJsonAsync("/api/dispatch/recommendations", new { lat = 31.2304, lon = 121.4737, condition = "stroke", news2Risk = "medium" });

        // A wearable reports no position: its patient cannot be ranked by patient id.
        var patientId = NewId("P");
        var wearable = NewId("W");
        await using var device = await TestDevice.ConnectAsync(Host.MqttPort, wearable);
        await device.PublishAsync($"ems/sh/wearable/{wearable}/vitals", VitalsFrame(patientId, 1, DateTimeOffset.UtcNow, ExampleVitals));
        var noPosition = await Host.Http.PostAsJsonAsync("/api/dispatch/recommendations", new { patientId });
        var unknownUnit = await Host.Http.PutAsJsonAsync($"/api/ambulances/{NewId("AMB")}/destination", new { hospitalId = "H-01", patientId, by = "dispatcher.wang" });
        var noBy = await Host.Http.PutAsJsonAsync($"/api/ambulances/{NewId("AMB")}/destination", new { hospitalId = "H-01", patientId });

        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.Contains("patientId", await empty.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var problem = await bad.Content.ReadAsStringAsync();
        Assert.Contains("lat:", problem);
        Assert.Contains("condition:", problem);
        Assert.Contains("news2Risk:", problem);
        Assert.Equal(HttpStatusCode.NotFound, unknownPatient.StatusCode);
        Assert.Equal(HttpStatusCode.OK, adHoc.StatusCode);
        Assert.Equal(17, Parse(await adHoc.Content.ReadAsStringAsync()).GetProperty("hospitals").GetArrayLength());
        Assert.Equal((HttpStatusCode)422, noPosition.StatusCode);
        Assert.Contains("no known position", await noPosition.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NotFound, unknownUnit.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, noBy.StatusCode);
    }

    [Fact]
    public async Task An_invalid_region_file_stops_the_start_with_every_problem()
    {
        var folder = Directory.CreateTempSubdirectory("emergency-region-").FullName;
        var file = Path.Combine(folder, "broken.json");
        await File.WriteAllTextAsync(file, "{\"region\":\"sh\",\"name\":\"x\",\"hospitals\":[{\"hospitalId\":\"H-1\",\"name\":\"a\",\"lat\":95,\"lon\":121}]}");

        var failure = await Assert.ThrowsAsync<InvalidOperationException>(
            () => HostProcess.StartAsync(new Dictionary<string, string> { ["Regions__File"] = file }));

        Assert.Contains("Host exited", failure.Message);
        Assert.Contains("broken.json: hospitals[0] (H-1): lat 95 outside -90..90", failure.Message);
        Assert.Contains("capacity missing", failure.Message);
    }
}
