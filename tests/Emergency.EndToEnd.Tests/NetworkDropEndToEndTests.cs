using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Emergency.DeviceSim;
using Emergency.EndToEnd.Tests.Infrastructure;
using Emergency.History.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Emergency.EndToEnd.Tests;

/// <summary>
/// The real device simulator (20 wearables at 2 Hz) publishes to the host through a TCP proxy that is cut for 60 s,
/// and InfluxDB (the history store) is SIGKILLed from 10 s before the network returns to 10 s after. During the cut a second device reports a
/// fresher reading for one simulated patient, so the simulator's replay brings that patient late frames. Afterwards:
/// every frame the simulator generated is in InfluxDB exactly once, at its own device time, in seq order per device;
/// no buffered frame was dropped; the late frames never replaced the fresher reading; the board shows the newest values.
/// </summary>
[Collection(NetworkDropCollection.Name)]
public sealed class NetworkDropEndToEndTests(InfluxServerFixture influx, ITestOutputHelper output)
{
    private const int Wearables = 20;
    private const double RateHz = 2;
    private const string Region = "nd";
    private const string LateDevice = "FRESH-1";
    private static readonly TimeSpan NetworkDown = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan FreshReadingAt = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan InfluxDownFrom = TimeSpan.FromSeconds(50);
    private static readonly TimeSpan InfluxDownFor = TimeSpan.FromSeconds(20);

    /// <summary>A reading far from what the simulator produces, so the board shows whose value it holds.</summary>
    private const int FreshHr = 151;

    [Fact]
    public Task Network_down_60_seconds_loses_no_frame_and_replays_in_order_at_device_time() => RunNetworkDrop(killInflux: false);

    [Fact]
    public Task Network_down_60_seconds_with_InfluxDB_killed_loses_no_frame_and_replays_in_order_at_device_time() => RunNetworkDrop(killInflux: true);

    private async Task RunNetworkDrop(bool killInflux)
    {
        var database = influx.NewDatabase("e2e_netdrop");
        var settings = new Dictionary<string, string>
        {
            ["Security__Development"] = "true",
            ["History__Influx__Url"] = influx.Url,
            ["History__Influx__Database"] = database,
            ["History__Influx__Timeout"] = "00:00:02",
            ["History__Influx__MaxRetries"] = "1",
            ["History__Consumer__RetryDelay"] = "00:00:00.200",
            ["History__Consumer__MaxRetryDelay"] = "00:00:02",
        };
        var watch = Stopwatch.StartNew();
        var influxDown = false;
        Func<string> storedForDiagnostics = () => "";
        var cutAt = DateTimeOffset.MinValue;
        var influxBack = Task.CompletedTask;
        await using var host = await HostProcess.StartAsync(settings);
        await using var network = new TcpCutProxy(() => host.MqttPort);
        var progress = new ProgressLog();
        var options = new SimulationOptions
        {
            Host = "127.0.0.1",
            Port = network.Port,
            Region = Region,
            Ambulances = 0,
            Wearables = Wearables,
            RateHz = RateHz,
            Seed = 6042,
            FirstSeq = 1,
            ReconnectDelay = TimeSpan.FromMilliseconds(250),
            MaxReconnectDelay = TimeSpan.FromSeconds(2),
            DrainTimeout = TimeSpan.FromSeconds(30),
            ProgressInterval = TimeSpan.FromMilliseconds(100),
        };
        using var stop = new CancellationTokenSource();
        var run = new Simulation().RunAsync(options, progress, stop.Token);
        try
        {
            var flowing = await Until(() => progress.Last.Acknowledged >= 2 * Wearables, TimeSpan.FromSeconds(60));
            Assert.True(flowing, $"the simulator's frames were not acknowledged within 60 s: {progress.Last}");
            await Task.Delay(TimeSpan.FromSeconds(3));
            var patientId = await PatientOf(database, "W-0001");

            // The network goes down. A fresher reading for one simulated patient arrives from a device the cut does not
            // reach; then InfluxDB dies, 10 s before the network comes back, and stays down for the first 10 s of the replay.
            network.Cut();
            cutAt = DateTimeOffset.UtcNow;
            var cutWatch = Stopwatch.StartNew();
            // The progress line is a sample up to one interval old, and a PUBACK already on its way when the proxy cut
            // still counts: take the baseline once a few samples have passed since the cut.
            await Task.Delay(TimeSpan.FromMilliseconds(500));
            var ackedAtCut = progress.Last.Acknowledged;
            await Task.Delay(FreshReadingAt);
            var freshTs = DateTimeOffset.FromUnixTimeMilliseconds(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
            await using (var fresh = await TestDevice.ConnectAsync(host.MqttPort, LateDevice))
            {
                var ack = await fresh.PublishAsync($"ems/{Region}/wearable/{LateDevice}/vitals",
                    $$"""{"patientId":"{{patientId}}","seq":1,"ts":{{freshTs.ToUnixTimeMilliseconds()}},"hr":{{FreshHr}},"rr":29,"spo2":88,"sbp":88,"dbp":50,"temp":39.6,"acvpu":"V","o2":true,"spo2Scale":1}""");
                Assert.True(ack.IsSuccess, $"the fresh reading was refused: {ack.ReasonCode} {ack.ReasonString}");
            }
            var freshState = await PatientState(host, patientId);
            Assert.Equal(freshTs, freshState.VitalsTs);
            Assert.Equal(FreshHr, freshState.Hr);

            await Task.Delay(InfluxDownFrom - cutWatch.Elapsed);
            if (killInflux)
            {
                influx.Kill();
                influxDown = true;
            }
            var ackedDuringCut = progress.Last.Acknowledged - ackedAtCut;
            await Task.Delay(NetworkDown - cutWatch.Elapsed);
            network.Restore();
            var restoredAt = DateTimeOffset.UtcNow;
            var restoreWatch = Stopwatch.StartNew();
            var bufferedAtRestore = progress.Last.Buffered;
            influxBack = !killInflux ? Task.CompletedTask : Task.Run(async () =>
            {
                await Task.Delay(InfluxDownFrom + InfluxDownFor - cutWatch.Elapsed);
                await influx.RestartAsync();
                influxDown = false;
            });

            // Replay: watch the board's state of the patient with the fresh reading until every buffer is empty.
            var states = new List<State>();
            var replayed = false;
            while (restoreWatch.Elapsed < TimeSpan.FromSeconds(60))
            {
                states.Add(await PatientState(host, patientId));
                if (progress.Last is { Buffered: 0, Connected: Wearables })
                {
                    replayed = true;
                    break;
                }
                await Task.Delay(100);
            }
            var replayTime = restoreWatch.Elapsed;
            Assert.True(replayed, $"the simulator had not replayed its buffers 60 s after the network came back: {progress.Last}");

            await Task.Delay(TimeSpan.FromSeconds(3));
            await stop.CancelAsync();
            var summary = await run;
            await influxBack;

            List<StoredPoint> stored = [];
            storedForDiagnostics = () => $"generated {summary.Generated}, stored {stored.Count}: " + string.Join("; ", stored
                .GroupBy(p => p.DeviceId).OrderBy(g => g.Key).Select(g => $"{g.Key} {g.Count()} seq {g.Min(p => p.Seq)}..{g.Max(p => p.Seq)} missing " +
                    string.Join(",", Enumerable.Range(1, (int)g.Max(p => p.Seq)).Where(i => !g.Any(p => p.Seq == i)))))
                + $"; first stored {DateTimeOffset.FromUnixTimeMilliseconds(stored.Min(p => p.TimestampMs)):O}, cut at {cutAt:O}";
            var caughtUp = await HistoryProbe.WaitForHistoryCaughtUp(host, TimeSpan.FromSeconds(90), async () =>
            {
                stored = await ReadInflux(database);
                return stored.Count >= summary.Generated + 1;
            });
            var simulated = stored.Where(p => p.DeviceId != LateDevice).ToList();
            var inCut = simulated.Count(p => p.TimestampMs >= cutAt.ToUnixTimeMilliseconds() && p.TimestampMs < restoredAt.ToUnixTimeMilliseconds());
            var late = simulated.Count(p => p.PatientId == patientId && p.TimestampMs < freshTs.ToUnixTimeMilliseconds() && p.TimestampMs >= cutAt.ToUnixTimeMilliseconds());
            output.WriteLine($"generated {summary.Generated}, sent {summary.Sent}, acknowledged {summary.Acknowledged}, refused {summary.RefusedByBroker}, " +
                $"dropped {summary.Dropped}, unsent {summary.Unsent}, reconnects {summary.Reconnects}, connect failures {summary.ConnectFailures}");
            output.WriteLine($"stored in InfluxDB {simulated.Count} simulator points ({inCut} with a device time inside the cut), " +
                $"buffered at most {progress.MaxBuffered} (at the restore {bufferedAtRestore}), acknowledged during the cut {ackedDuringCut}, " +
                $"replay time {replayTime.TotalSeconds:F1} s, proxy connections {network.Connections}");
            output.WriteLine($"late frames for {patientId} (older than the fresh reading at {freshTs:O}): {late}; board samples during the replay {states.Count}; " +
                $"history failures {caughtUp.History().GetProperty("failures").GetInt64()}; test took {watch.Elapsed.TotalSeconds:F0} s");

            // The simulator: nothing dropped, nothing left, everything acknowledged; no device got through the cut.
            Assert.Equal(0, summary.Dropped);
            Assert.Equal(0, summary.Unsent);
            Assert.Equal(0, summary.RefusedByBroker);
            Assert.Equal(summary.Generated, summary.Acknowledged);
            Assert.Equal(0, ackedDuringCut);
            Assert.True(progress.MaxBuffered >= (long)(0.8 * Wearables * RateHz * NetworkDown.TotalSeconds),
                $"only {progress.MaxBuffered} frames were buffered at most: the network was not down for the simulator");

            // InfluxDB: each device's seqs 1..n exactly once, their device times increasing with seq (replayed in order,
            // at their own times), the cut's minute filled in.
            Assert.Equal(summary.Generated, simulated.Count);
            foreach (var device in simulated.GroupBy(p => p.DeviceId))
            {
                var bySeq = device.OrderBy(p => p.Seq).ToList();
                Assert.True(bySeq.Select(p => p.Seq).SequenceEqual(Enumerable.Range(1, bySeq.Count).Select(i => (long)i)),
                    $"{device.Key}: seqs stored are not exactly 1..{bySeq.Count}: {string.Join(",", bySeq.Select(p => p.Seq).Take(50))}");
                for (var i = 1; i < bySeq.Count; i++)
                {
                    Assert.True(bySeq[i].TimestampMs > bySeq[i - 1].TimestampMs, $"{device.Key}: seq {bySeq[i].Seq} is not later than seq {bySeq[i - 1].Seq}");
                }
            }
            Assert.True(inCut >= 0.8 * Wearables * RateHz * NetworkDown.TotalSeconds, $"only {inCut} points carry a device time inside the cut");

            // Late frames went to history but never replaced the fresher reading on the board.
            Assert.True(late > 0, "no late frame was replayed for the patient with the fresh reading");
            Assert.All(states, s => Assert.True(s.VitalsTs >= freshTs, $"the board went back to {s.VitalsTs:O}, older than the fresh reading {freshTs:O}"));
            Assert.All(states.Where(s => s.VitalsTs == freshTs), s => Assert.Equal(FreshHr, s.Hr));

            // The board after the recovery: each patient's newest reading is the newest one stored.
            foreach (var patient in simulated.GroupBy(p => p.PatientId))
            {
                var newest = DateTimeOffset.FromUnixTimeMilliseconds(stored.Where(p => p.PatientId == patient.Key).Max(p => p.TimestampMs));
                var state = await PatientState(host, patient.Key);
                Assert.True(state.VitalsTs == newest, $"{patient.Key}: the board's newest reading is {state.VitalsTs:O}, the newest stored {newest:O}");
            }
        }
        catch (Exception) when (WriteDiagnostics(host, progress, storedForDiagnostics()))
        {
            throw;
        }
        finally
        {
            await stop.CancelAsync();
            network.Restore();
            await influxBack.ContinueWith(_ => { });
            if (influxDown)
            {
                await influx.RestartAsync();
            }
            await run.WaitAsync(TimeSpan.FromSeconds(60)).ContinueWith(_ => { });
        }
    }

    private sealed record State(DateTimeOffset VitalsTs, double? Hr, int? News2);

    /// <summary>The simulator's progress as it comes, and the most frames it held at once.</summary>
    private sealed class ProgressLog : IProgress<SimulationProgress>
    {
        private readonly Lock _lock = new();
        private SimulationProgress _last;
        private long _maxBuffered;

        /// <summary>The latest report (all zero before the first).</summary>
        public SimulationProgress Last
        {
            get { lock (_lock) return _last; }
        }

        public long MaxBuffered
        {
            get { lock (_lock) return _maxBuffered; }
        }

        public void Report(SimulationProgress value)
        {
            lock (_lock)
            {
                _last = value;
                _maxBuffered = Math.Max(_maxBuffered, value.Buffered);
            }
        }
    }

    private bool WriteDiagnostics(HostProcess host, ProgressLog progress, string stored)
    {
        output.WriteLine($"simulator progress: {progress.Last}");
        output.WriteLine($"history: {stored}");
        output.WriteLine($"--- host output ---\n{host.Output}\n--- influxd output ---\n{influx.Output}");
        return false;
    }

    private static async Task<bool> Until(Func<bool> condition, TimeSpan within)
    {
        var watch = Stopwatch.StartNew();
        while (!condition())
        {
            if (watch.Elapsed > within) return false;
            await Task.Delay(50);
        }
        return true;
    }

    private static async Task<State> PatientState(HostProcess host, string patientId)
    {
        var state = await host.GetJson<JsonElement>($"/api/patients/{patientId}");
        var vitals = state.GetProperty("vitals");
        var ts = DateTimeOffset.Parse(vitals.GetProperty("ts").GetString()!, CultureInfo.InvariantCulture);
        double? hr = vitals.TryGetProperty("hr", out var h) && h.ValueKind == JsonValueKind.Number ? h.GetDouble() : null;
        int? news2 = state.TryGetProperty("news2", out var n) && n.ValueKind == JsonValueKind.Object
            && n.TryGetProperty("total", out var t) && t.ValueKind == JsonValueKind.Number ? t.GetInt32() : null;
        return new State(ts.ToUniversalTime(), hr, news2);
    }

    /// <summary>The patient a simulated device reports, from its first points in history.</summary>
    private async Task<string> PatientOf(string database, string deviceId)
    {
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < TimeSpan.FromSeconds(30))
        {
            var point = (await ReadInflux(database)).FirstOrDefault(p => p.DeviceId == deviceId);
            if (point.PatientId is not null) return point.PatientId;
            await Task.Delay(200);
        }
        throw new InvalidOperationException($"no point of {deviceId} reached InfluxDB within 30 s");
    }

    /// <summary>Every point of the test's database: (patient, device) from the tags, seq and time from the point.</summary>
    private async Task<List<StoredPoint>> ReadInflux(string database)
    {
        using var doc = await influx.QueryAsync(database, "SELECT \"seq\" FROM \"vitals\" GROUP BY \"device\", \"patient\"");
        var result = doc.RootElement.GetProperty("results")[0];
        Assert.False(result.TryGetProperty("partial", out var partial) && partial.GetBoolean(), "InfluxDB returned a partial result");
        var points = new List<StoredPoint>();
        if (!result.TryGetProperty("series", out var series)) return points;
        foreach (var s in series.EnumerateArray())
        {
            var tags = s.GetProperty("tags");
            var device = tags.GetProperty("device").GetString()!;
            var patient = tags.GetProperty("patient").GetString()!;
            foreach (var row in s.GetProperty("values").EnumerateArray())
            {
                points.Add(new StoredPoint(patient, device, row[1].GetInt64(), row[0].GetInt64()));
            }
        }
        return points;
    }
}
