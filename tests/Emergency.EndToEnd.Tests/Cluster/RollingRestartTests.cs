using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Emergency.EndToEnd.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Emergency.EndToEnd.Tests.Cluster;

/// <summary>
/// A rolling restart of all three nodes, one after another (SIGTERM, start again on the same data folder and MQTT
/// session, wait until ready), while 60 devices publish through Mosquitto. Nothing is lost or applied twice; the
/// latency from a probe's publish until its reading is served by a node is measured before and during the restarts.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class RollingRestartTests(ClusterServices services, ITestOutputHelper output)
{
    private const string Region = "sh";

    [Fact]
    public async Task Restarting_every_node_in_turn_under_load_loses_no_frame_and_applies_none_twice()
    {
        var clusterId = "r" + Guid.NewGuid().ToString("N")[..8];
        var dataDirectories = Enumerable.Range(0, 3).Select(_ => Directory.CreateTempSubdirectory("emergency-node-").FullName).ToArray();
        var nodes = await Task.WhenAll(Enumerable.Range(0, 3).Select(i => HostProcess.StartAsync(services.NodeSettings(clusterId, i), dataDirectories[i])));
        var fleet = new TestFleet(() => services.MosquittoPort, Region, clusterId, Enumerable.Repeat(2.0, 60).ToList());
        var probe = await TestDevice.ConnectAsync(services.MosquittoPort, $"{clusterId}-PROBE");
        var observer = 1; // the node the probe reads from: never the one restarting
        var restarting = false;
        var steady = new List<double>();
        var during = new List<double>();
        using var stopProbe = new CancellationTokenSource();
        try
        {
            fleet.Start();
            var probing = Task.Run(async () =>
            {
                for (var seq = 1L; !stopProbe.IsCancellationRequested; seq++)
                {
                    var latency = await ProbeOnce(probe, nodes[Volatile.Read(ref observer)], clusterId, seq);
                    if (latency is { } ms) (Volatile.Read(ref restarting) ? during : steady).Add(ms);
                    await Task.Delay(250);
                }
            });
            await Task.Delay(TimeSpan.FromSeconds(8));

            for (var i = 0; i < 3; i++)
            {
                Volatile.Write(ref observer, (i + 1) % 3);
                Volatile.Write(ref restarting, true);
                var watch = Stopwatch.StartNew();
                await nodes[i].StopAsync(TimeSpan.FromSeconds(60));
                await nodes[i].DisposeAsync();
                nodes[i] = await HostProcess.StartAsync(services.NodeSettings(clusterId, i), dataDirectories[i]);
                output.WriteLine($"node {i}: stopped and ready again in {watch.Elapsed.TotalSeconds:F1} s");
                await Task.Delay(TimeSpan.FromSeconds(3));
            }
            Volatile.Write(ref restarting, false);
            await Task.Delay(TimeSpan.FromSeconds(3));
            await stopProbe.CancelAsync();
            await probing;
            await fleet.StopAsync(TimeSpan.FromSeconds(30));

            output.WriteLine($"probe publish → served: steady p50 {Percentile(steady, 50):F0} ms, max {Percentile(steady, 100):F0} ms ({steady.Count} probes); " +
                $"during the rolling restart p50 {Percentile(during, 50):F0} ms, p99 {Percentile(during, 99):F0} ms, max {Percentile(during, 100):F0} ms ({during.Count} probes)");
            Assert.NotEmpty(steady);
            Assert.NotEmpty(during);

            var sent = fleet.SentSnapshot();
            Assert.True(fleet.AckedSnapshot().SetEquals(sent.Keys), $"frames never acknowledged\n{fleet.Describe()}");
            List<StoredPoint> rows = [];
            var complete = await ThreeNodeClusterTests.Until(async () =>
            {
                foreach (var node in nodes) await HistoryProbe.WaitForHistoryCaughtUp(node, TimeSpan.FromSeconds(60));
                rows = dataDirectories.SelectMany(d => HistoryProbe.ReadSqlite(HistoryProbe.SqlitePath(d), $"{clusterId}-AMB")).ToList();
                return rows.Count >= sent.Count;
            }, TimeSpan.FromSeconds(90));
            output.WriteLine($"{sent.Count} frames sent, {rows.Count} stored across the nodes");
            Assert.True(complete, $"only {rows.Count} of {sent.Count} frames reached the histories");
            FrameAssert.StoredExactlyOnce(sent, rows);
        }
        finally
        {
            await stopProbe.CancelAsync();
            await probe.DisposeAsync();
            await fleet.DisposeAsync();
            foreach (var node in nodes) await node.DisposeAsync();
            foreach (var dir in dataDirectories)
            {
                try { Directory.Delete(dir, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
            }
        }
    }

    /// <summary>Publishes one probe frame and returns the ms until <paramref name="node"/> serves it (null: not within 30 s).</summary>
    private static async Task<double?> ProbeOnce(TestDevice probe, HostProcess node, string clusterId, long seq)
    {
        var ts = DateTimeOffset.UtcNow;
        var stamp = ts.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture);
        var watch = Stopwatch.StartNew();
        try
        {
            await probe.PublishAsync($"ems/{Region}/ambulance/{clusterId}-PROBE/vitals",
                $"{{\"patientId\":\"{clusterId}-PROBE-P\",\"seq\":{seq},\"ts\":\"{stamp}\",\"hr\":80,\"rr\":16,\"spo2\":97,\"sbp\":120,\"temp\":36.8,\"acvpu\":\"A\",\"o2\":false}}");
        }
        catch (Exception)
        {
            return null; // the probe's own connection to Mosquitto failed; not what is measured
        }
        while (watch.Elapsed < TimeSpan.FromSeconds(30))
        {
            try
            {
                using var response = await node.Http.GetAsync($"/api/patients/{clusterId}-PROBE-P");
                if (response.IsSuccessStatusCode)
                {
                    var state = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
                    if (state.GetProperty("vitals").GetProperty("ts").GetDateTimeOffset() >= ts.AddMilliseconds(-1)) return watch.Elapsed.TotalMilliseconds;
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or ObjectDisposedException)
            {
                return null; // the observer itself went away
            }
            await Task.Delay(20);
        }
        return null;
    }

    private static double Percentile(List<double> values, double p)
    {
        if (values.Count == 0) return double.NaN;
        var sorted = values.Order().ToList();
        return sorted[(int)Math.Clamp(Math.Ceiling(p / 100 * sorted.Count) - 1, 0, sorted.Count - 1)];
    }
}
