using System.Diagnostics;
using System.Text.Json;
using Emergency.EndToEnd.Tests.Infrastructure;
using Emergency.History.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Emergency.EndToEnd.Tests;

/// <summary>
/// A host writing its history to a real InfluxDB (the fixture's <c>influxd</c>, a fresh database per test) while
/// devices publish; InfluxDB dies (SIGKILL, then restarted) or hangs (SIGSTOP, then SIGCONT) in the middle. Devices
/// stay acknowledged throughout, readiness says "degraded" with a growing history lag, and once InfluxDB is back
/// the history catches up: every frame in InfluxDB exactly once.
/// </summary>
[Collection(InfluxCollection.Name)]
public sealed class InfluxOutageEndToEndTests(InfluxServerFixture influx, ITestOutputHelper output)
{
    private const int Devices = 10;
    private static readonly TimeSpan Publishing = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan OutageStartsAt = TimeSpan.FromSeconds(8);
    private static readonly TimeSpan OutageLasts = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan CatchUp = TimeSpan.FromSeconds(60);

    /// <summary>2, 3, 4 and 5 Hz in turn: 33 frames/s for the fleet.</summary>
    private static readonly double[] Rates = Enumerable.Range(0, Devices).Select(i => 2.0 + i % 4).ToArray();

    [Fact]
    public Task InfluxDB_killed_for_10_seconds_loses_nothing_and_devices_stay_acknowledged() =>
        RunOutage("kill",
            begin: () =>
            {
                influx.Kill();
                return Task.CompletedTask;
            },
            end: influx.RestartAsync);

    [Fact]
    public Task InfluxDB_hanging_for_10_seconds_loses_nothing_and_devices_stay_acknowledged() =>
        RunOutage("pause",
            begin: () =>
            {
                influx.Pause();
                return Task.CompletedTask;
            },
            end: () =>
            {
                influx.Resume();
                return Task.CompletedTask;
            });

    private sealed record Sample(TimeSpan At, int HttpStatus, string Status, long LagBytes, long PointsWritten, long Failures, string? LastError, long Acked);

    private async Task RunOutage(string name, Func<Task> begin, Func<Task> end)
    {
        var database = influx.NewDatabase($"e2e_{name}");
        var prefix = $"{name[..2].ToUpperInvariant()}{Guid.NewGuid():N}"[..10];
        var settings = new Dictionary<string, string>
        {
            ["History__Influx__Url"] = influx.Url,
            ["History__Influx__Database"] = database,
            ["History__Influx__Timeout"] = "00:00:02",
            ["History__Influx__MaxRetries"] = "1",
            ["History__Consumer__RetryDelay"] = "00:00:00.200",
            ["History__Consumer__MaxRetryDelay"] = "00:00:02",
        };
        var watch = Stopwatch.StartNew();
        var outageOpen = false;
        await using var host = await HostProcess.StartAsync(settings);
        await using var fleet = new TestFleet(() => host.MqttPort, "influx", prefix, Rates);
        var samples = new List<Sample>();
        using var sampling = new CancellationTokenSource();
        try
        {
            fleet.Start();
            // The timeline starts once frames flow: a fresh host on a busy machine may take seconds to answer its first
            // publish, and an outage that began before that would test nothing.
            var flowing = Stopwatch.StartNew();
            while (fleet.AckedCount < 2 * Rates.Length && flowing.Elapsed < TimeSpan.FromSeconds(60)) await Task.Delay(50);
            Assert.True(fleet.AckedCount > 0, $"no frame was acknowledged within 60 s of starting the fleet\n{fleet.Describe()}");
            var started = watch.Elapsed;
            var sampler = SampleReadiness(host, fleet, started, samples, sampling.Token);

            await Task.Delay(OutageStartsAt);
            var outageFrom = watch.Elapsed - started;
            await begin();
            outageOpen = true;
            await Task.Delay(OutageLasts);
            var outageTo = watch.Elapsed - started;
            await end();
            outageOpen = false;
            var backAt = watch.Elapsed - started;

            var left = Publishing - (watch.Elapsed - started);
            if (left > TimeSpan.Zero) await Task.Delay(left);
            await fleet.StopAsync(finishWithin: TimeSpan.FromSeconds(15));
            var stoppedAt = watch.Elapsed - started;
            var sent = fleet.SentSnapshot();
            var acked = fleet.AckedSnapshot();

            List<StoredPoint> stored = [];
            var caughtUp = await HistoryProbe.WaitForHistoryCaughtUp(host, CatchUp, async () =>
            {
                stored = await ReadInflux(database);
                return stored.Count >= sent.Count;
            });
            var caughtUpAt = watch.Elapsed - started;
            await sampling.CancelAsync();
            await sampler;

            var during = samples.Where(s => s.At >= outageFrom && s.At <= outageTo).ToList();
            var firstDegraded = during.FirstOrDefault(s => s.Status == "degraded" && s.LagBytes > 0);
            var ackedAtOutageStart = samples.LastOrDefault(s => s.At <= outageFrom)?.Acked ?? 0;
            var ackedAtOutageEnd = samples.LastOrDefault(s => s.At <= outageTo)?.Acked ?? 0;
            var maxLag = during.Count == 0 ? 0 : during.Max(s => s.LagBytes);
            var readyAgain = samples.FirstOrDefault(s => s.At >= backAt && s.Status == "ready");
            output.WriteLine($"{name}: influxd out from {outageFrom.TotalSeconds:F1} s to {outageTo.TotalSeconds:F1} s of publishing, " +
                $"back (answering) at {backAt.TotalSeconds:F1} s; fleet stopped at {stoppedAt.TotalSeconds:F1} s; history caught up at {caughtUpAt.TotalSeconds:F1} s");
            output.WriteLine($"readiness: degraded with lag > 0 first at {firstDegraded?.At.TotalSeconds.ToString("F1") ?? "never"} s " +
                $"({firstDegraded?.LastError ?? "-"}); lag at most {maxLag} bytes during the outage; " +
                $"ready again at {readyAgain?.At.TotalSeconds.ToString("F1") ?? "never (before the fleet stopped)"} s");
            output.WriteLine($"acknowledged during the outage: {ackedAtOutageEnd - ackedAtOutageStart} (longest stretch of 250 ms samples without a new acknowledgement: {LongestStall(during).TotalSeconds:F2} s); " +
                $"sent {sent.Count}, acknowledged {acked.Count}, stored in InfluxDB {stored.Count} points " +
                $"({stored.Select(p => (p.DeviceId, p.TimestampMs)).Distinct().Count()} distinct (device, ts)); " +
                $"history writes failed {caughtUp.History().GetProperty("failures").GetInt64()} times, points written {caughtUp.History().GetProperty("pointsWritten").GetInt64()}");
            output.WriteLine(fleet.Describe());

            // Through the outage: 200 and "degraded" with a lag, and devices still acknowledged, all along.
            Assert.True(during.Count > 0 && during.All(s => s.HttpStatus == 200), $"readiness not 200 throughout the outage:\n{Describe(during)}");
            Assert.True(firstDegraded is not null, $"readiness never said degraded with a history lag during the outage:\n{Describe(during)}");
            Assert.True(during.Where(s => s.At > firstDegraded!.At).All(s => s.Status == "degraded"),
                $"readiness stopped saying degraded while InfluxDB was still out:\n{Describe(during)}");
            var expectedAcks = Rates.Sum() * OutageLasts.TotalSeconds;
            Assert.True(ackedAtOutageEnd - ackedAtOutageStart >= 0.8 * expectedAcks,
                $"only {ackedAtOutageEnd - ackedAtOutageStart} frames acknowledged during the outage, expected about {expectedAcks:F0}:\n{Describe(during)}");
            // Ingest waiting on the history store would stall for a whole InfluxDB timeout (2 s) or the outage.
            var longestStall = LongestStall(during);
            Assert.True(longestStall < TimeSpan.FromSeconds(2), $"acknowledgements stalled for {longestStall} during the outage:\n{Describe(during)}");

            // Afterwards: every frame sent is acknowledged and in InfluxDB exactly once.
            Assert.True(acked.SetEquals(sent.Keys), $"{sent.Count - acked.Count} frames sent were never acknowledged\n{fleet.Describe()}");
            FrameAssert.StoredExactlyOnce(sent, stored);
        }
        catch (Exception) when (WriteDiagnostics(host, samples))
        {
            throw;
        }
        finally
        {
            await sampling.CancelAsync();
            if (outageOpen)
            {
                await end(); // leave the shared server running for the next test
            }
            output.WriteLine($"test took {watch.Elapsed.TotalSeconds:F1} s");
        }
    }

    private bool WriteDiagnostics(HostProcess host, List<Sample> samples)
    {
        lock (samples) output.WriteLine($"readiness samples:\n{Describe(samples)}");
        output.WriteLine($"--- host output ---\n{host.Output}\n--- influxd output ---\n{influx.Output}");
        return false;
    }

    /// <summary>Readiness and acknowledgements every 250 ms until cancelled.</summary>
    private static async Task SampleReadiness(HostProcess host, TestFleet fleet, TimeSpan offset, List<Sample> samples, CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                var (status, body) = await host.ReadinessAsync();
                var history = body.History();
                var sample = new Sample(watch.Elapsed + offset, status, body.GetProperty("status").GetString()!, history.GetProperty("lagBytes").GetInt64(),
                    history.GetProperty("pointsWritten").GetInt64(), history.GetProperty("failures").GetInt64(),
                    history.GetProperty("lastError").ValueKind == JsonValueKind.String ? history.GetProperty("lastError").GetString() : null,
                    fleet.AckedCount);
                lock (samples) samples.Add(sample);
                await Task.Delay(250, cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or JsonException)
            {
                // the host did not answer in time: no sample (a gap in the samples shows it)
            }
        }
    }

    private static TimeSpan LongestStall(List<Sample> samples)
    {
        var longest = TimeSpan.Zero;
        var since = samples.FirstOrDefault()?.At ?? TimeSpan.Zero;
        for (var i = 1; i < samples.Count; i++)
        {
            if (samples[i].Acked > samples[i - 1].Acked)
            {
                since = samples[i].At;
            }
            longest = samples[i].At - since > longest ? samples[i].At - since : longest;
        }
        return longest;
    }

    private static string Describe(IEnumerable<Sample> samples) => string.Join(Environment.NewLine, samples.Select(s =>
        $"{s.At.TotalSeconds,6:F2} s {s.HttpStatus} {s.Status,-9} lag {s.LagBytes,8} written {s.PointsWritten,6} failures {s.Failures,3} acked {s.Acked,6} {s.LastError}"));

    /// <summary>Every point of the test's database: (patient, device) from the tags, seq and time from the point.</summary>
    private async Task<List<StoredPoint>> ReadInflux(string database)
    {
        using var doc = await influx.QueryAsync(database, "SELECT \"seq\" FROM \"vitals\" GROUP BY \"device\", \"patient\"");
        var result = doc.RootElement.GetProperty("results")[0];
        Assert.False(result.TryGetProperty("partial", out var partial) && partial.GetBoolean(), "InfluxDB returned a partial result");
        var points = new List<StoredPoint>();
        if (!result.TryGetProperty("series", out var series))
        {
            return points;
        }
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
