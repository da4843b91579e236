using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using Emergency.EndToEnd.Tests.Infrastructure;
using Microsoft.AspNetCore.SignalR.Client;
using Xunit.Abstractions;

namespace Emergency.EndToEnd.Tests;

/// <summary>Starts, kills and restarts its own hosts on one data folder; nothing shared.</summary>
[CollectionDefinition(Name)]
public sealed class GrainStateRecoveryCollection
{
    public const string Name = "grain state after a host crash";
}

/// <summary>
/// 100 monitors publish at 1 Hz (QoS 1) while the host is SIGKILLed; a new host process opens the same data folder.
/// Before any device is back, every patient's state is what the dead host showed: scores, open alerts (ids,
/// priorities, escalation, acknowledgement) and the capacity a nurse reported, and every patient's latest vitals are
/// at least as new as the last frame acknowledged before the kill (snapshot plus journal replay). Then the devices
/// reconnect and resend, and every frame is in history exactly once.
/// </summary>
[Collection(GrainStateRecoveryCollection.Name)]
public sealed class GrainStateRecoveryTests(ITestOutputHelper output)
{
    private const int Devices = 100;
    private const double RateHz = 1;
    private const string Region = "sh";
    private const string HospitalId = "H-01";
    private static readonly TimeSpan Publishing = TimeSpan.FromSeconds(16);
    private static readonly TimeSpan AfterRestart = TimeSpan.FromSeconds(4);
    private static readonly TimeSpan CatchUp = TimeSpan.FromSeconds(60);

    /// <summary>Every tenth patient desaturates (SpO2 88 %: a single-parameter alert); the rest are well.</summary>
    private static bool Deteriorates(TestFleet.FleetDevice device) => device.PatientId.EndsWith("0", StringComparison.Ordinal);

    /// <summary>
    /// Vitals are held steady for each patient, so that frames acknowledged after the last read before the kill cannot
    /// change scores or alerts: the state read just before the kill is then exactly what must come back. Only the
    /// measurement time moves, which the test checks against the last acknowledged frame instead.
    /// </summary>
    private static string Vitals(TestFleet.FleetDevice device, SentFrame frame) =>
        $"\"hr\":88,\"rr\":18,\"spo2\":{(Deteriorates(device) ? 88 : 97)},\"sbp\":124,\"dbp\":80,\"temp\":37.1,\"acvpu\":\"A\",\"o2\":false,\"spo2Scale\":1";

    [Fact]
    public async Task After_a_sigkill_while_100_devices_publish_scores_alerts_acks_and_capacity_are_as_before_and_every_frame_is_stored_once()
    {
        var dataDirectory = Directory.CreateTempSubdirectory("emergency-state-").FullName;
        var prefix = $"GS{Guid.NewGuid():N}"[..8];
        var settings = new Dictionary<string, string>
        {
            ["History__Store"] = "sqlite",
            ["Security__Development"] = "true",
            ["Persistence__SnapshotInterval"] = "00:00:01",
        };
        HostProcess? first = null;
        HostProcess? second = null;
        TestFleet? fleet = null;
        HubConnection? hub = null;
        var watch = Stopwatch.StartNew();
        try
        {
            first = await HostProcess.StartAsync(settings, dataDirectory);
            var port = first.MqttPort;
            fleet = new TestFleet(() => Volatile.Read(ref port), Region, prefix, Enumerable.Repeat(RateHz, Devices).ToList())
            {
                VitalsFields = Vitals,
            };
            fleet.Start();
            var deteriorating = fleet.Devices.Where(Deteriorates).Select(d => d.PatientId).ToList();

            // Alerts open after 10 s of desaturation; one is acknowledged, and a nurse reports capacity.
            var alertOpen = await Until(async () => await OpenAlerts(first, deteriorating[0]) is { Count: > 0 }, TimeSpan.FromSeconds(30));
            Assert.True(alertOpen, $"no alert opened for {deteriorating[0]}\n{first.Output}");
            var acknowledged = (await OpenAlerts(first, deteriorating[0]))[0].GetProperty("alertId").GetString()!;
            var ack = await first.Http.PostAsJsonAsync($"/api/patients/{deteriorating[0]}/alerts/{acknowledged}/ack", new { by = "dr.wang" });
            Assert.True(ack.IsSuccessStatusCode, await ack.Content.ReadAsStringAsync());
            var capacity = await first.Http.PutAsJsonAsync($"/api/hospitals/{HospitalId}/capacity", new
            {
                capacity = new { resusBaysTotal = 4, resusBaysFree = 0, edBedsTotal = 30, edBedsFree = 2, icuBedsFree = 1, orAvailable = false },
                status = new { state = "open" },
                by = "nurse.li",
            });
            Assert.True(capacity.IsSuccessStatusCode, await capacity.Content.ReadAsStringAsync());
            var left = Publishing - watch.Elapsed;
            if (left > TimeSpan.Zero) await Task.Delay(left);

            var before = await PatientsByIdAsync(first);
            var alertsBefore = await AlertsByPatient(first, deteriorating);
            var hospitalBefore = await first.GetJson<JsonElement>($"/api/hospitals/{HospitalId}");
            await first.KillAndWaitAsync();
            var killedAt = watch.Elapsed;
            await Task.Delay(300); // PUBACKs the dead broker sent may still sit in the devices' sockets
            var ackedBeforeKill = fleet.AckedSnapshot();
            var sentBeforeKill = fleet.SentCount;
            var lastAckedTs = fleet.Devices.ToDictionary(d => d.PatientId, d =>
            {
                var acked = d.AckedSeqs();
                return d.SentFrames().Where(f => acked.Contains(f.Seq)).Select(f => f.TimestampMs).DefaultIfEmpty(0).Max();
            });
            output.WriteLine($"killed after {killedAt.TotalSeconds:F1} s: {sentBeforeKill} frames sent, {ackedBeforeKill.Count} acknowledged; " +
                $"{before.Count} patients, {alertsBefore.Values.Sum(a => a.Count)} open alerts read just before");

            // New process, same data folder. The devices still knock on the old port.
            var startedAt = watch.Elapsed;
            second = await HostProcess.StartAsync(settings, dataDirectory);
            var ready = watch.Elapsed - startedAt;
            var readiness = (await second.ReadinessAsync()).Body.GetProperty("recovery");
            output.WriteLine($"new host ready {ready.TotalSeconds:F2} s after its start: replayed {readiness.GetProperty("replayedFrames")} frames " +
                $"in {readiness.GetProperty("replaySeconds")} s (journal {readiness.GetProperty("replayFrom")}..{readiness.GetProperty("replayTo")})");
            Assert.Equal("done", readiness.GetProperty("status").GetString());
            Assert.True(readiness.GetProperty("replayedFrames").GetInt64() > 0, "nothing was replayed: the snapshot cannot have held the last second");
            var metrics = await second.Http.GetStringAsync("/metrics");
            Assert.Contains("emergency_recovery_replayed_frames", metrics);
            Assert.Contains("emergency_state_snapshot_writes", metrics);

            var after = await PatientsByIdAsync(second);
            var alertsAfter = await AlertsByPatient(second, deteriorating);
            var hospitalAfter = await second.GetJson<JsonElement>($"/api/hospitals/{HospitalId}");
            var context = $"\n--- first host ---\n{first.Output}\n--- second host ---\n{second.Output}";
            Assert.Equal(before.Keys.Order(), after.Keys.Order()); // /api/patients?region= lists everyone again
            foreach (var (patientId, was) in before)
            {
                var now = after[patientId];
                Assert.Equal(was.GetProperty("news2").GetRawText(), now.GetProperty("news2").GetRawText());
                var vitalsAt = now.GetProperty("vitals").GetProperty("ts").GetDateTimeOffset().ToUnixTimeMilliseconds();
                Assert.True(vitalsAt >= lastAckedTs[patientId],
                    $"{patientId}: latest vitals at {vitalsAt}, but a frame of {lastAckedTs[patientId]} was acknowledged before the kill{context}");
            }
            foreach (var patientId in deteriorating)
            {
                Assert.Equal(Describe(alertsBefore[patientId]), Describe(alertsAfter[patientId]));
                Assert.NotEmpty(alertsAfter[patientId]);
            }
            Assert.Equal("dr.wang", alertsAfter[deteriorating[0]].Single(a => a.GetProperty("alertId").GetString() == acknowledged)
                .GetProperty("acknowledgedBy").GetString());
            Assert.Equal(hospitalBefore.GetProperty("capacity").GetRawText(), hospitalAfter.GetProperty("capacity").GetRawText());
            Assert.Equal("nurse.li", hospitalAfter.GetProperty("updatedBy").GetString());

            // The board's feed: the first update with vitals newer than anything before the kill.
            var newestBefore = lastAckedTs.Values.Max();
            var fresh = new TaskCompletionSource<TimeSpan>(TaskCreationOptions.RunContinuationsAsynchronously);
            hub = second.LiveHub();
            hub.On<JsonElement>("patientUpdated", p =>
            {
                if (p.GetProperty("vitals").TryGetProperty("ts", out var ts) && ts.ValueKind == JsonValueKind.String
                    && ts.GetDateTimeOffset().ToUnixTimeMilliseconds() > newestBefore)
                {
                    fresh.TrySetResult(watch.Elapsed - startedAt);
                }
            });
            await hub.StartAsync();
            await hub.InvokeAsync("WatchRegion", Region);

            Volatile.Write(ref port, second.MqttPort);
            var firstFresh = await fresh.Task.WaitAsync(TimeSpan.FromSeconds(30));
            output.WriteLine($"first fresh patient update on the live hub {firstFresh.TotalSeconds:F2} s after the new process started");
            await Task.Delay(AfterRestart);
            await fleet.StopAsync(finishWithin: TimeSpan.FromSeconds(20));

            var sent = fleet.SentSnapshot();
            var ackedInAll = fleet.AckedSnapshot();
            Assert.True(ackedInAll.SetEquals(sent.Keys), $"{sent.Count - ackedInAll.Count} frames sent were never acknowledged\n{fleet.Describe()}");
            List<StoredPoint> rows = [];
            var sqlite = HistoryProbe.SqlitePath(dataDirectory);
            await HistoryProbe.WaitForHistoryCaughtUp(second, CatchUp, () =>
            {
                rows = HistoryProbe.ReadSqlite(sqlite, prefix);
                return Task.FromResult(rows.Count >= sent.Count);
            });
            output.WriteLine($"frames sent {sent.Count}, acknowledged {ackedInAll.Count}, stored {rows.Count} " +
                $"({rows.Select(r => (r.DeviceId, r.Seq)).Distinct().Count()} distinct (device, seq)); connects {fleet.Connects}");
            FrameAssert.StoredExactlyOnce(sent, rows);
        }
        finally
        {
            if (hub is not null) await hub.DisposeAsync();
            if (fleet is not null) await fleet.DisposeAsync();
            if (first is not null) await first.DisposeAsync();
            if (second is not null) await second.DisposeAsync();
            Directory.Delete(dataDirectory, recursive: true);
            output.WriteLine($"test took {watch.Elapsed.TotalSeconds:F1} s");
        }
    }

    [Fact]
    public async Task An_acknowledgement_the_state_store_cannot_take_answers_503_and_changes_nothing()
    {
        var prefix = $"GW{Guid.NewGuid():N}"[..8];
        var settings = new Dictionary<string, string>
        {
            ["Security__Development"] = "true",
            ["Persistence__WriteTimeout"] = "00:00:01",
        };
        await using var host = await HostProcess.StartAsync(settings);
        var port = host.MqttPort;
        await using var fleet = new TestFleet(() => port, Region, prefix, [2.0])
        {
            VitalsFields = (_, _) => "\"hr\":88,\"rr\":18,\"spo2\":88,\"sbp\":124,\"dbp\":80,\"temp\":37.1,\"acvpu\":\"A\",\"o2\":false,\"spo2Scale\":1",
        };
        fleet.Start();
        var patientId = fleet.Devices[0].PatientId;
        Assert.True(await Until(async () => await OpenAlerts(host, patientId) is { Count: > 0 }, TimeSpan.FromSeconds(30)),
            $"no alert opened\n{host.Output}");
        var alertId = (await OpenAlerts(host, patientId))[0].GetProperty("alertId").GetString()!;

        // Another writer holds the state file's write lock: the host's write waits 1 s, then fails.
        HttpResponseMessage refused;
        using (var locker = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={Path.Combine(host.DataDirectory, "data", "state.db")};Pooling=False"))
        {
            locker.Open();
            using (var begin = locker.CreateCommand())
            {
                begin.CommandText = "BEGIN IMMEDIATE;";
                begin.ExecuteNonQuery();
            }
            refused = await host.Http.PostAsJsonAsync($"/api/patients/{patientId}/alerts/{alertId}/ack", new { by = "dr.wang" });
            using var rollback = locker.CreateCommand();
            rollback.CommandText = "ROLLBACK;";
            rollback.ExecuteNonQuery();
        }

        Assert.Equal(System.Net.HttpStatusCode.ServiceUnavailable, refused.StatusCode);
        Assert.Contains("not stored", await refused.Content.ReadAsStringAsync());
        Assert.Null(Assert.Single(await OpenAlerts(host, patientId), a => a.GetProperty("alertId").GetString() == alertId)
            .GetProperty("acknowledgedBy").GetString());
        var accepted = await host.Http.PostAsJsonAsync($"/api/patients/{patientId}/alerts/{alertId}/ack", new { by = "dr.wang" });
        Assert.True(accepted.IsSuccessStatusCode, await accepted.Content.ReadAsStringAsync());
        Assert.Equal("dr.wang", Assert.Single(await OpenAlerts(host, patientId), a => a.GetProperty("alertId").GetString() == alertId)
            .GetProperty("acknowledgedBy").GetString());
        await fleet.StopAsync(finishWithin: TimeSpan.FromSeconds(10));
    }

    private static async Task<Dictionary<string, JsonElement>> PatientsByIdAsync(HostProcess host) =>
        (await host.GetJson<JsonElement>($"/api/patients?region={Region}")).EnumerateArray()
            .ToDictionary(p => p.GetProperty("patientId").GetString()!, p => p.Clone());

    /// <summary>The patient's open alerts; none for a patient with no data yet (404).</summary>
    private static async Task<List<JsonElement>> OpenAlerts(HostProcess host, string patientId)
    {
        using var response = await host.Http.GetAsync($"/api/patients/{patientId}/alerts");
        if (response.StatusCode == System.Net.HttpStatusCode.NotFound) return [];
        response.EnsureSuccessStatusCode();
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        return [.. body.GetProperty("open").EnumerateArray().Select(a => a.Clone())];
    }

    private static async Task<Dictionary<string, List<JsonElement>>> AlertsByPatient(HostProcess host, IEnumerable<string> patients)
    {
        var result = new Dictionary<string, List<JsonElement>>();
        foreach (var id in patients) result[id] = await OpenAlerts(host, id);
        return result;
    }

    /// <summary>What must survive of an open alert: id, kind, priority, state, escalation, acknowledgement, raise time.</summary>
    private static string Describe(List<JsonElement> alerts) => string.Join("; ", alerts
        .OrderBy(a => a.GetProperty("alertId").GetString(), StringComparer.Ordinal)
        .Select(a => string.Join(",", new[] { "alertId", "kind", "priority", "state", "escalationLevel", "acknowledgedBy", "acknowledgedAt", "raisedAt" }
            .Select(n => a.TryGetProperty(n, out var v) ? v.ToString() : "-"))));

    private static async Task<bool> Until(Func<Task<bool>> condition, TimeSpan within)
    {
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < within)
        {
            if (await condition()) return true;
            await Task.Delay(200);
        }
        return false;
    }
}
