using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Emergency.EndToEnd.Tests.Infrastructure;
using Xunit.Abstractions;
using static Emergency.EndToEnd.Tests.Infrastructure.Json;

namespace Emergency.EndToEnd.Tests;

/// <summary>The host with H-03's FHIR endpoint pointing at a local receiver that answers 503 twice before it accepts.</summary>
public sealed class HandoverHostFixture : IAsyncLifetime
{
    public FhirReceiver Receiver { get; } = new(failFirst: 2);
    public HostProcess Host { get; private set; } = null!;

    public async Task InitializeAsync() => Host = await HostProcess.StartAsync(new Dictionary<string, string>
    {
        ["Handover__Endpoints__H-03"] = Receiver.BaseUrl,
        ["Handover__RetryBaseDelay"] = "00:00:00.200",
        ["Handover__Debounce"] = "00:00:01",
    });

    public async Task DisposeAsync()
    {
        await Host.DisposeAsync();
        await Receiver.DisposeAsync();
    }
}

/// <summary>
/// The handover record end to end: vitals over MQTT, the destination chosen over HTTP, the record received by the
/// hospital's endpoint before the ambulance arrives (through retries), resends that add no document, identity
/// reconciliation, status over HTTP; EDXL-HAVE export and import.
/// </summary>
public sealed class HandoverEndToEndTests(HandoverHostFixture fx, ITestOutputHelper output) : IClassFixture<HandoverHostFixture>
{
    private HostProcess Host => fx.Host;

    private static string NewId(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..20];

    [Fact]
    public async Task The_record_reaches_the_hospital_before_the_ambulance_through_retries_without_duplicates()
    {
        var unit = NewId("AMB");
        var patientId = NewId("P");
        await using var device = await TestDevice.ConnectAsync(Host.MqttPort, unit);
        var t = DateTimeOffset.UtcNow.AddSeconds(-30);
        var seq = 0;
        foreach (var crewStatus in new[] { "dispatched", "on-scene", "transporting" })
        {
            await device.PublishAsync($"ems/sh/ambulance/{unit}/status",
                $$"""{"seq":{{++seq}},"ts":{{t.AddSeconds(seq).ToUnixTimeMilliseconds()}},"status":"{{crewStatus}}","patientId":"{{patientId}}"}""");
        }
        await device.PublishAsync($"ems/sh/ambulance/{unit}/position",
            $$"""{"seq":{{++seq}},"ts":{{t.AddSeconds(seq).ToUnixTimeMilliseconds()}},"lat":31.25,"lon":121.48,"speedKmh":40,"heading":200}""");
        await device.PublishAsync($"ems/sh/ambulance/{unit}/vitals", VitalsFrame(patientId, ++seq, t.AddSeconds(seq), ExampleVitals));

        // The dispatcher chooses H-03: the clock starts when the answer comes back.
        using var chosen = await Host.Http.PutAsJsonAsync($"/api/ambulances/{unit}/destination",
            new { hospitalId = "H-03", patientId, by = "dispatcher.e2e", reason = "nearest PCI centre" });
        var answeredAt = Stopwatch.GetTimestamp();
        Assert.Equal(HttpStatusCode.OK, chosen.StatusCode);
        var first = StableDocumentId(patientId, 1);
        var stored = await fx.Receiver.WaitForStored(first, TimeSpan.FromSeconds(60));
        var elapsed = Stopwatch.GetElapsedTime(answeredAt, stored.AtTimestamp);
        output.WriteLine($"destination chosen → record stored by the hospital's endpoint: {elapsed.TotalMilliseconds:0} ms " +
            $"(after {fx.Receiver.Requests.Count(r => r.Answer == 503)} answers 503)");

        Assert.Equal("PUT", stored.Method);
        Assert.StartsWith("application/fhir+json", stored.ContentType);
        var bundle = Parse(stored.Body);
        Assert.Equal(("Bundle", "document"), (bundle.GetProperty("resourceType").GetString(), bundle.GetProperty("type").GetString()));
        Assert.Equal(first, bundle.GetProperty("id").GetString());
        var composition = bundle.GetProperty("entry")[0].GetProperty("resource");
        Assert.Equal("67796-3", composition.GetProperty("type").GetProperty("coding")[0].GetProperty("code").GetString());
        // Received before arrival: the unit is still on its way.
        var ambulance = Parse(await Host.Http.GetStringAsync($"/api/ambulances/{unit}"));
        Assert.Equal(JsonValueKind.Null, ambulance.GetProperty("destination").GetProperty("arrivedAt").ValueKind);

        var status = await WaitForStatus(patientId, s => s.GetProperty("deliveredVersion").ValueKind == JsonValueKind.Number);
        Assert.Equal("delivered", status.GetProperty("state").GetString());
        Assert.Equal(1, status.GetProperty("deliveredVersion").GetInt32());
        Assert.True(status.GetProperty("retries").GetInt32() >= 2, status.ToString());
        Assert.Equal(201, status.GetProperty("receiverStatus").GetInt32());

        // A resend of the same version replaces the hospital's copy: same id, no second document.
        using var resend = await Host.Http.PostAsync($"/api/patients/{patientId}/handover/resend", null);
        Assert.Equal(HttpStatusCode.OK, resend.StatusCode);
        var resent = Parse(await resend.Content.ReadAsStringAsync());
        var resentId = StableDocumentId(patientId, resent.GetProperty("version").GetInt32());
        Assert.Equal(200, resent.GetProperty("receiverStatus").GetInt32());
        Assert.True(fx.Receiver.Requests.Count(r => r.Id == resentId && r.Answer is 200 or 201) >= 2);
        var accepted = fx.Receiver.Requests.Count(r => r.Id.StartsWith($"handover-{patientId}-") && r.Answer is 200 or 201);
        var documents = fx.Receiver.Documents.Keys.Count(k => k.StartsWith($"handover-{patientId}-"));
        Assert.True(documents < accepted, $"{documents} documents from {accepted} accepted requests");
        Assert.True(documents <= resent.GetProperty("version").GetInt32());

        // The hospital links its identity: a new version carries both identifiers.
        using var linked = await Host.Http.PutAsJsonAsync($"/api/patients/{patientId}/identity",
            new { hospitalId = "H-03", mrn = "MRN-7781", family = "Li", given = "Wei", birthDate = "1958-04-01", by = "registrar.e2e" });
        Assert.Equal(HttpStatusCode.OK, linked.StatusCode);
        var withIdentity = await WaitForDocumentWith(patientId, "MRN-7781");
        var patient = Entries(withIdentity).Single(r => r.GetProperty("resourceType").GetString() == "Patient");
        Assert.Equal([patientId, "MRN-7781"], patient.GetProperty("identifier").EnumerateArray().Select(i => i.GetProperty("value").GetString() ?? "").ToArray());
        var audit = Parse(await Host.Http.GetStringAsync($"/api/patients/{patientId}/identity")).GetProperty("audit");
        Assert.Equal("registrar.e2e", Assert.Single(audit.EnumerateArray()).GetProperty("by").GetString());

        // The record on request is the same kind of document.
        using var live = await Host.Http.GetAsync($"/api/patients/{patientId}/fhir");
        Assert.Equal("application/fhir+json", live.Content.Headers.ContentType?.MediaType);
        Assert.Equal("document", Parse(await live.Content.ReadAsStringAsync()).GetProperty("type").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, (await Host.Http.PutAsJsonAsync($"/api/patients/{patientId}/identity", new { hospitalId = "H-03" })).StatusCode);
    }

    [Fact]
    public async Task EDXL_HAVE_exports_and_imports_and_a_bad_value_is_refused_with_its_element_named()
    {
        using var exported = await Host.Http.GetAsync("/api/hospitals/H-05/edxl-have");
        Assert.Equal("application/xml", exported.Content.Headers.ContentType?.MediaType);
        var xml = await exported.Content.ReadAsStringAsync();
        Assert.Contains("urn:oasis:names:tc:emergency:EDXL:HAVE:1.0", xml);
        var region = await Host.Http.GetStringAsync("/api/edxl-have?region=sh");
        Assert.Contains("<have:OrganizationID>H-12</have:OrganizationID>", region);

        var bad = xml.Replace("<have:AvailableCount>3</have:AvailableCount>", "<have:AvailableCount>-3</have:AvailableCount>");
        using var refused = await Host.Http.PostAsync("/api/edxl-have", new StringContent(bad, Encoding.UTF8, "application/xml"));
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("HospitalStatus/Hospital[1]/HospitalBedCapacityStatus/BedCapacity[1]/Capacity/AvailableCount", await refused.Content.ReadAsStringAsync());

        var changed = xml.Replace("<have:AvailableCount>3</have:AvailableCount>", "<have:AvailableCount>2</have:AvailableCount>");
        using var imported = await Host.Http.PostAsync("/api/edxl-have?by=regional.have", new StringContent(changed, Encoding.UTF8, "application/xml"));
        Assert.Equal(HttpStatusCode.OK, imported.StatusCode);
        var hospital = Parse(await Host.Http.GetStringAsync("/api/hospitals/H-05"));
        Assert.Equal(2, hospital.GetProperty("capacity").GetProperty("edBedsFree").GetInt32());
        Assert.Equal("regional.have", hospital.GetProperty("updatedBy").GetString());
    }

    private static string StableDocumentId(string patientId, int version) => $"handover-{patientId}-{version}";

    private static IEnumerable<JsonElement> Entries(JsonElement bundle) =>
        bundle.GetProperty("entry").EnumerateArray().Select(e => e.GetProperty("resource"));

    private async Task<JsonElement> WaitForStatus(string patientId, Func<JsonElement, bool> done)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        JsonElement status;
        do
        {
            status = Parse(await Host.Http.GetStringAsync($"/api/patients/{patientId}/handover"));
            if (done(status)) return status;
            await Task.Delay(50);
        } while (DateTime.UtcNow < deadline);
        throw new TimeoutException(status.ToString());
    }

    private async Task<JsonElement> WaitForDocumentWith(string patientId, string text)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            var match = fx.Receiver.Documents.Where(d => d.Key.StartsWith($"handover-{patientId}-") && d.Value.Contains(text)).Select(d => d.Value).FirstOrDefault();
            if (match is not null) return Parse(match);
            await Task.Delay(50);
        }
        throw new TimeoutException($"no document with {text}: {string.Join(", ", fx.Receiver.Documents.Keys)}");
    }
}
