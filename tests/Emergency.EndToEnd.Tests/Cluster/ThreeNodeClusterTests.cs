using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using Emergency.EndToEnd.Tests.Infrastructure;
using Microsoft.AspNetCore.SignalR.Client;
using Xunit.Abstractions;

namespace Emergency.EndToEnd.Tests.Cluster;

/// <summary>
/// Three host processes form one Orleans cluster on PostgreSQL (membership and grain state) behind Debian's
/// Mosquitto (a shared subscription splits the frames between the nodes) with the SignalR Redis backplane; 100
/// devices publish through Mosquitto. What counts is what the nodes made of the frames: the union of the three
/// nodes' histories holds every frame sent exactly once, every node serves every patient, and a board on each node
/// sees the patients whose grains run on the others. Node loss is a SIGKILL under load.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class ThreeNodeClusterTests(ClusterServices services, ITestOutputHelper output)
{
    private const string Region = "sh";
    private const int Devices = 100;
    private const double RateHz = 2;
    private static readonly TimeSpan CatchUp = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task Three_nodes_apply_every_frame_once_boards_on_each_node_see_all_patients_and_a_killed_node_loses_nothing()
    {
        var clusterId = "c" + Guid.NewGuid().ToString("N")[..8];
        var prefix = clusterId;
        var dataDirectories = Enumerable.Range(0, 3).Select(_ => Directory.CreateTempSubdirectory("emergency-node-").FullName).ToArray();
        var nodes = await Task.WhenAll(Enumerable.Range(0, 3).Select(i => HostProcess.StartAsync(services.NodeSettings(clusterId, i), dataDirectories[i])));
        var boards = new List<HubConnection>();
        TestFleet? fleet = null;
        try
        {
            output.WriteLine(services.SetupOutput);
            // A board on each node, watching the region.
            var seenOnBoard = Enumerable.Range(0, 3).Select(_ => new ConcurrentDictionary<string, byte>()).ToArray();
            for (var i = 0; i < 3; i++)
            {
                var seen = seenOnBoard[i];
                var hub = nodes[i].LiveHub();
                hub.On<JsonElement>("patientUpdated", state => seen.TryAdd(state.GetProperty("patientId").GetString()!, 0));
                await hub.StartAsync();
                await hub.InvokeAsync("WatchRegion", Region);
                boards.Add(hub);
            }

            fleet = new TestFleet(() => services.MosquittoPort, Region, prefix, Enumerable.Repeat(RateHz, Devices).ToList())
            {
                VitalsFields = (device, frame) => Deteriorates(device)
                    ? "\"hr\":88,\"rr\":18,\"spo2\":88,\"sbp\":124,\"dbp\":80,\"temp\":37.1,\"acvpu\":\"A\",\"o2\":false,\"spo2Scale\":1"
                    : $"\"hr\":{frame.Hr},\"rr\":16,\"spo2\":97,\"sbp\":120,\"dbp\":80,\"temp\":36.8,\"acvpu\":\"A\",\"o2\":false,\"spo2Scale\":1",
            };
            fleet.Start();
            var patients = fleet.Devices.Select(d => d.PatientId).ToList();

            // Every board sees every patient: two thirds of them are hosted on another node.
            var allSeen = await Until(() => Task.FromResult(seenOnBoard.All(s => patients.All(s.ContainsKey))), TimeSpan.FromSeconds(60));
            Assert.True(allSeen, $"boards saw {string.Join(", ", seenOnBoard.Select(s => s.Count))} of {Devices} patients");
            foreach (var node in nodes)
            {
                var accepted = await Counter(node, "emergency_ingest_frames_accepted_total");
                output.WriteLine($"node :{node.HttpPort} accepted {accepted} frames so far");
                Assert.True(accepted > 0, "a node of the shared subscription took no frame");
            }

            // Alerts open on the deteriorating patients (SpO2 88 for 10 s).
            var deteriorating = fleet.Devices.Where(Deteriorates).Select(d => d.PatientId).ToList();
            Assert.True(await Until(async () => (await Task.WhenAll(deteriorating.Select(p => OpenAlertIds(nodes[0], p)))).All(a => a.Count > 0),
                TimeSpan.FromSeconds(45)), "not every deteriorating patient got an alert");
            var alertsBefore = new Dictionary<string, HashSet<string>>();
            foreach (var p in deteriorating) alertsBefore[p] = await OpenAlertIds(nodes[0], p);

            // SIGKILL node 2 under load; its patients must serve again from the others.
            var killedAt = Stopwatch.StartNew();
            await nodes[2].KillAndWaitAsync();
            var killedAtUtc = DateTimeOffset.UtcNow;
            var served = await Until(async () => (await Task.WhenAll(patients.Select(p => ServesFreshVitals(nodes[0], p, killedAtUtc)))).All(x => x),
                TimeSpan.FromSeconds(90));
            var recovery = killedAt.Elapsed;
            output.WriteLine($"after SIGKILL of one node every patient served fresh vitals from another node within {recovery.TotalSeconds:F1} s");
            Assert.True(served, $"not every patient served again within 90 s of the kill\n--- node 0 ---\n{Tail(nodes[0].Output)}");
            foreach (var (p, ids) in alertsBefore)
            {
                var after = await OpenAlertIds(nodes[1], p);
                Assert.True(ids.IsSubsetOf(after), $"{p}: open alerts {string.Join(",", ids)} before the kill, {string.Join(",", after)} after");
            }

            // The killed node comes back on its data folder and MQTT session: its journal replays, its queue drains.
            nodes[2] = await HostProcess.StartAsync(services.NodeSettings(clusterId, 2), dataDirectories[2]);
            var replayed = await Counter(nodes[2], "emergency_recovery_replayed_frames_total");
            output.WriteLine($"restarted node replayed {replayed} journaled frame(s)");
            await Task.Delay(TimeSpan.FromSeconds(3));
            await fleet.StopAsync(TimeSpan.FromSeconds(30));

            var sent = fleet.SentSnapshot();
            var acked = fleet.AckedSnapshot();
            Assert.True(acked.SetEquals(sent.Keys), $"{sent.Count - acked.Count} frames were never acknowledged by Mosquitto\n{fleet.Describe()}");

            // Every frame sent is in exactly one node's history, once; no node has anything else.
            List<StoredPoint> rows = [];
            var complete = await Until(async () =>
            {
                foreach (var node in nodes) await HistoryProbe.WaitForHistoryCaughtUp(node, CatchUp);
                rows = dataDirectories.SelectMany(d => HistoryProbe.ReadSqlite(HistoryProbe.SqlitePath(d), prefix)).ToList();
                return rows.Count >= sent.Count;
            }, CatchUp);
            var perNode = dataDirectories.Select(d => HistoryProbe.ReadSqlite(HistoryProbe.SqlitePath(d), prefix).Count).ToList();
            output.WriteLine($"{sent.Count} frames sent; stored by the nodes: {string.Join(" + ", perNode)} = {rows.Count}");
            Assert.True(complete, $"only {rows.Count} of {sent.Count} frames reached the histories");
            FrameAssert.StoredExactlyOnce(sent, rows);

            // Every node serves every patient with its last frame.
            foreach (var device in fleet.Devices)
            {
                var last = device.SentFrames().Max(f => f.TimestampMs);
                foreach (var node in nodes)
                {
                    var state = await node.GetJson<JsonElement>($"/api/patients/{device.PatientId}");
                    Assert.Equal(last, state.GetProperty("vitals").GetProperty("ts").GetDateTimeOffset().ToUnixTimeMilliseconds());
                }
            }
        }
        finally
        {
            if (fleet is not null) await fleet.DisposeAsync();
            foreach (var hub in boards) await hub.DisposeAsync();
            foreach (var node in nodes) await node.DisposeAsync();
            foreach (var dir in dataDirectories) TryDelete(dir);
        }
    }

    private static bool Deteriorates(TestFleet.FleetDevice device) => device.DeviceId.EndsWith('0');

    /// <summary>The patient answers on <paramref name="node"/> with a reading measured after <paramref name="since"/>.</summary>
    private static async Task<bool> ServesFreshVitals(HostProcess node, string patientId, DateTimeOffset since)
    {
        try
        {
            using var response = await node.Http.GetAsync($"/api/patients/{patientId}");
            if (!response.IsSuccessStatusCode) return false;
            var state = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
            return state.GetProperty("vitals").GetProperty("ts").GetDateTimeOffset() > since;
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            return false;
        }
    }

    private static async Task<HashSet<string>> OpenAlertIds(HostProcess node, string patientId)
    {
        using var response = await node.Http.GetAsync($"/api/patients/{patientId}/alerts");
        if (!response.IsSuccessStatusCode) return [];
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        return body.GetProperty("open").EnumerateArray().Select(a => a.GetProperty("alertId").GetString()!).ToHashSet();
    }

    /// <summary>A counter from the node's <c>/metrics</c> (summed over its labels).</summary>
    internal static async Task<double> Counter(HostProcess node, string name)
    {
        var text = await node.Http.GetStringAsync("/metrics");
        return text.Split('\n').Where(l => l.StartsWith(name + "{", StringComparison.Ordinal) || l.StartsWith(name + " ", StringComparison.Ordinal))
            .Sum(l => double.Parse(l[(l.LastIndexOf(' ') + 1)..], System.Globalization.CultureInfo.InvariantCulture));
    }

    internal static async Task<bool> Until(Func<Task<bool>> condition, TimeSpan within)
    {
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < within)
        {
            if (await condition()) return true;
            await Task.Delay(200);
        }
        return await condition();
    }

    private static string Tail(string text) => text.Length > 6000 ? text[^6000..] : text;

    private static void TryDelete(string dir)
    {
        try { Directory.Delete(dir, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
