using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Emergency.EndToEnd.Tests.Infrastructure;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using static Emergency.EndToEnd.Tests.Infrastructure.Json;

namespace Emergency.EndToEnd.Tests;

/// <summary>The receiving ED confirms it has seen an inbound patient: HTTP and the hub, pushed to real SignalR clients.</summary>
[Collection(HostCollection.Name)]
public sealed class EdSeenEndToEndTests(HostFixture fx)
{
    private HostProcess Host => fx.Host;

    private static string NewId(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..20];

    /// <summary>A patient reported by a unit over MQTT; sent to <paramref name="hospitalId"/> over HTTP when given.</summary>
    private async Task<(string PatientId, string UnitId)> PatientInAmbulance(string? hospitalId)
    {
        var patientId = NewId("P");
        var unit = NewId("AMB");
        await using var device = await TestDevice.ConnectAsync(Host.MqttPort, unit);
        var now = DateTimeOffset.UtcNow;
        await device.PublishAsync($"ems/sh/ambulance/{unit}/position",
            $"{{\"seq\":1,\"ts\":\"{now.UtcDateTime:yyyy-MM-ddTHH:mm:ss.fffZ}\",\"lat\":31.2000,\"lon\":121.4500,\"speedKmh\":40,\"heading\":90}}");
        await device.PublishAsync($"ems/sh/ambulance/{unit}/vitals", VitalsFrame(patientId, 2, now, ExampleVitals));
        if (hospitalId is not null)
        {
            await SendTo(unit, patientId, hospitalId);
        }
        return (patientId, unit);
    }

    private async Task SendTo(string unit, string patientId, string hospitalId)
    {
        var chosen = await Host.Http.PutAsJsonAsync($"/api/ambulances/{unit}/destination", new { hospitalId, patientId, by = "dispatcher.wang" });
        Assert.Equal(HttpStatusCode.OK, chosen.StatusCode);
    }

    private async Task<JsonElement> State(string patientId) => Parse(await Host.Http.GetStringAsync($"/api/patients/{patientId}"));

    /// <summary>A hub connection that completes <paramref name="seen"/> with the first patientUpdated of the patient carrying edSeen.</summary>
    private async Task<HubConnection> Watching(string method, string id, string patientId, TaskCompletionSource<JsonElement> seen)
    {
        var hub = Host.LiveHub();
        hub.On<JsonElement>("patientUpdated", state =>
        {
            if (state.GetProperty("patientId").GetString() == patientId && state.GetProperty("edSeen").ValueKind == JsonValueKind.Object)
            {
                seen.TrySetResult(state);
            }
        });
        await hub.StartAsync();
        await hub.InvokeAsync(method, id);
        return hub;
    }

    private static TaskCompletionSource<JsonElement> Awaiting() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    [Fact]
    public async Task Seen_is_pushed_as_patientUpdated_to_the_patient_and_hospital_watchers_shown_by_the_api_and_cleared_by_a_new_destination()
    {
        var (patientId, unit) = await PatientInAmbulance("H-05");
        Assert.Equal(JsonValueKind.Null, (await State(patientId)).GetProperty("edSeen").ValueKind);
        var toPatientWatcher = Awaiting();
        var toHospitalWatcher = Awaiting();
        await using var patientHub = await Watching("WatchPatient", patientId, patientId, toPatientWatcher);
        await using var hospitalHub = await Watching("WatchHospital", "H-05", patientId, toHospitalWatcher);
        var before = DateTimeOffset.UtcNow;

        var response = await Host.Http.PostAsJsonAsync($"/api/patients/{patientId}/seen", new { by = "  dr.chen ", hospitalId = "H-05" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var answer = Parse(await response.Content.ReadAsStringAsync());
        var seen = answer.GetProperty("edSeen");
        Assert.Equal("dr.chen", seen.GetProperty("by").GetString());
        Assert.Equal("H-05", seen.GetProperty("hospitalId").GetString());
        Assert.InRange(seen.GetProperty("at").GetDateTimeOffset(), before.AddSeconds(-5), DateTimeOffset.UtcNow.AddSeconds(5));
        foreach (var pushed in new[] { await toPatientWatcher.Task.WaitAsync(TimeSpan.FromSeconds(10)), await toHospitalWatcher.Task.WaitAsync(TimeSpan.FromSeconds(10)) })
        {
            Assert.Equal(seen.GetRawText(), pushed.GetProperty("edSeen").GetRawText());
            Assert.Equal(answer.GetProperty("version").GetInt64(), pushed.GetProperty("version").GetInt64());
        }
        Assert.Equal(seen.GetRawText(), (await State(patientId)).GetProperty("edSeen").GetRawText());

        // Marking again keeps the first confirmation.
        var again = await Host.Http.PostAsJsonAsync($"/api/patients/{patientId}/seen", new { by = "nurse.wu" });
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal("dr.chen", Parse(await again.Content.ReadAsStringAsync()).GetProperty("edSeen").GetProperty("by").GetString());

        // Another hospital's ED has not seen the patient.
        await SendTo(unit, patientId, "H-06");
        var moved = await State(patientId);
        Assert.Equal("H-06", moved.GetProperty("destination").GetProperty("hospitalId").GetString());
        Assert.Equal(JsonValueKind.Null, moved.GetProperty("edSeen").ValueKind);
    }

    [Fact]
    public async Task MarkSeen_over_the_hub_answers_the_state_for_the_destination_and_refuses_a_missing_name()
    {
        var (patientId, _) = await PatientInAmbulance("H-09");
        var pushed = Awaiting();
        await using var hub = await Watching("WatchPatient", patientId, patientId, pushed);

        var refused = await Assert.ThrowsAsync<HubException>(() => hub.InvokeAsync<JsonElement>("MarkSeen", patientId, " "));
        var answer = await hub.InvokeAsync<JsonElement>("MarkSeen", patientId, "nurse.wu");

        Assert.Contains("by:", refused.Message);
        Assert.Equal("nurse.wu", answer.GetProperty("edSeen").GetProperty("by").GetString());
        Assert.Equal("H-09", answer.GetProperty("edSeen").GetProperty("hospitalId").GetString());
        Assert.Equal("nurse.wu", (await pushed.Task.WaitAsync(TimeSpan.FromSeconds(10))).GetProperty("edSeen").GetProperty("by").GetString());
    }

    [Fact]
    public async Task Bad_seen_requests_are_refused_naming_the_field_and_change_nothing()
    {
        var (patientId, _) = await PatientInAmbulance("H-05");
        var before = await State(patientId);
        var url = $"/api/patients/{patientId}/seen";

        var noBody = await Host.Http.PostAsync(url, JsonContent.Create(new { }));
        var blank = await Host.Http.PostAsJsonAsync(url, new { by = "   " });
        var tooLong = await Host.Http.PostAsJsonAsync(url, new { by = new string('x', 65) });
        var badHospitalId = await Host.Http.PostAsJsonAsync(url, new { by = "dr.chen", hospitalId = "H 05!" });
        var otherHospital = await Host.Http.PostAsJsonAsync(url, new { by = "dr.chen", hospitalId = "H-07" });

        foreach (var refused in new[] { noBody, blank, tooLong })
        {
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            Assert.Contains("by:", await refused.Content.ReadAsStringAsync());
        }
        Assert.Contains("at most 64 characters", await tooLong.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.BadRequest, badHospitalId.StatusCode);
        Assert.Contains("hospitalId:", await badHospitalId.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Conflict, otherHospital.StatusCode);
        Assert.Contains("hospitalId: H-07 is not the patient's destination (H-05)", await otherHospital.Content.ReadAsStringAsync());
        var after = await State(patientId);
        Assert.Equal(JsonValueKind.Null, after.GetProperty("edSeen").ValueKind);
        Assert.Equal(before.GetProperty("version").GetInt64(), after.GetProperty("version").GetInt64());
    }

    [Fact]
    public async Task Seen_for_an_unknown_patient_is_404_and_for_a_patient_without_a_destination_409()
    {
        var (withoutDestination, _) = await PatientInAmbulance(hospitalId: null);

        var unknown = await Host.Http.PostAsJsonAsync($"/api/patients/{NewId("P")}/seen", new { by = "dr.chen" });
        var malformed = await Host.Http.PostAsJsonAsync("/api/patients/P%20bad!/seen", new { by = "dr.chen" });
        var noDestination = await Host.Http.PostAsJsonAsync($"/api/patients/{withoutDestination}/seen", new { by = "dr.chen", hospitalId = "H-05" });

        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        Assert.Contains("patientId:", await malformed.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Conflict, noDestination.StatusCode);
        Assert.Contains("hospitalId: the patient has no destination", await noDestination.Content.ReadAsStringAsync());
        Assert.Equal(JsonValueKind.Null, (await State(withoutDestination)).GetProperty("edSeen").ValueKind);
    }
}
