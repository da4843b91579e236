using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Emergency.EndToEnd.Tests.Infrastructure;
using MQTTnet;
using Xunit.Abstractions;
using static Emergency.EndToEnd.Tests.Infrastructure.Json;

namespace Emergency.EndToEnd.Tests;

/// <summary>A host of its own with the embedded SQLite history store (the default), set explicitly.</summary>
public sealed class SqliteHistoryHostFixture : IAsyncLifetime
{
    public HostProcess Host { get; private set; } = null!;

    public async Task InitializeAsync() =>
        Host = await HostProcess.StartAsync(new Dictionary<string, string> { ["History__Store"] = "sqlite" });

    public async Task DisposeAsync() => await Host.DisposeAsync();
}

[CollectionDefinition(Name)]
public sealed class SqliteHistoryHostCollection : ICollectionFixture<SqliteHistoryHostFixture>
{
    public const string Name = "host with SQLite history";
}

/// <summary>Frames go device → MQTT → grains → journal → history consumer → store → history API.</summary>
[Collection(SqliteHistoryHostCollection.Name)]
public sealed class HistoryEndToEndTests(SqliteHistoryHostFixture fx, ITestOutputHelper output)
{
    private static readonly TimeSpan HistoryDeadline = TimeSpan.FromSeconds(15);

    private HostProcess Host => fx.Host;

    private static string NewId(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..20];

    [Fact]
    public async Task Published_frames_reach_the_history_api_with_their_mean_min_max_and_count()
    {
        var patientId = NewId("P");
        var unit = NewId("AMB");
        // Two whole minutes in the past: bucket 1 gets 30 frames (one every 2 s), bucket 2 gets 10 (one every 3 s).
        var now = DateTimeOffset.UtcNow;
        var bucket1 = DateTimeOffset.FromUnixTimeMilliseconds(now.ToUnixTimeMilliseconds() / 60_000 * 60_000).AddMinutes(-3);
        var bucket2 = bucket1.AddMinutes(1);
        var frames = Enumerable.Range(0, 40).Select(i => i < 30
            ? new Frame(i + 1, bucket1.AddSeconds(2 * i).AddMilliseconds(i * 7), Hr: 60 + 2 * i, Spo2: 96 + i % 4, Temp: Temps[i % Temps.Length])
            : new Frame(i + 1, bucket2.AddSeconds(3 * (i - 30)), Hr: 40 + i, Spo2: 99, Temp: "37.0")).ToList();

        var watch = Stopwatch.StartNew();
        await using (var device = await TestDevice.ConnectAsync(Host.MqttPort, unit))
        {
            foreach (var f in frames)
            {
                var ack = await device.PublishAsync($"ems/sh/ambulance/{unit}/vitals", VitalsFrame(patientId, f.Seq, f.Ts,
                    $"\"hr\":{f.Hr},\"rr\":16,\"spo2\":{f.Spo2},\"sbp\":120,\"dbp\":80,\"temp\":{f.Temp},\"acvpu\":\"A\",\"o2\":false,\"spo2Scale\":1"));
                Assert.Equal(MqttClientPublishReasonCode.Success, ack.ReasonCode);
            }
        }
        var published = watch.Elapsed;

        // The history writer is asynchronous: poll, bounded, until both buckets hold every frame.
        var path = $"/api/patients/{patientId}/history?from={bucket1.ToUnixTimeMilliseconds()}&to={bucket1.AddMinutes(2).ToUnixTimeMilliseconds()}&step=1m";
        JsonElement body = default;
        var caughtUp = false;
        while (watch.Elapsed < published + HistoryDeadline)
        {
            body = await Host.GetJson<JsonElement>(path);
            var counts = body.GetProperty("buckets").EnumerateArray().Select(b => b.GetProperty("hr").GetProperty("count").GetInt64()).ToList();
            if (counts.SequenceEqual([30L, 10L]))
            {
                caughtUp = true;
                break;
            }
            await Task.Delay(100);
        }
        Assert.True(caughtUp, $"history did not show 30 + 10 frames within {HistoryDeadline}: {body}\n{Host.Output}");
        output.WriteLine($"40 frames acknowledged in {published.TotalMilliseconds:F0} ms; in the history API {(watch.Elapsed - published).TotalMilliseconds:F0} ms later");

        Assert.Equal(patientId, body.GetProperty("patientId").GetString());
        Assert.Equal(60, body.GetProperty("stepSeconds").GetDouble());
        var buckets = body.GetProperty("buckets").EnumerateArray().ToList();
        Assert.Equal(bucket1, buckets[0].GetProperty("start").GetDateTimeOffset());
        Assert.Equal(bucket2, buckets[1].GetProperty("start").GetDateTimeOffset());
        foreach (var (bucket, expected) in new[] { (buckets[0], frames[..30]), (buckets[1], frames[30..]) })
        {
            AssertStats(bucket, "hr", expected.Select(f => (double)f.Hr));
            AssertStats(bucket, "spo2", expected.Select(f => (double)f.Spo2));
            AssertStats(bucket, "temp", expected.Select(f => double.Parse(f.Temp, CultureInfo.InvariantCulture)));
            AssertStats(bucket, "rr", expected.Select(_ => 16d));
            AssertStats(bucket, "sbp", expected.Select(_ => 120d));
            AssertStats(bucket, "dbp", expected.Select(_ => 80d));
            // Only the pulse moves NEWS2 here (every other parameter scores 0): 41–50 → 1, 51–90 → 0, 91–110 → 1, 111–130 → 2.
            AssertStats(bucket, "news2", expected.Select(f => f.Hr switch { <= 50 => 1d, <= 90 => 0d, <= 110 => 1d, _ => 2d }));
        }
    }

    private static readonly string[] Temps = ["36.2", "36.9", "37.4", "36.55", "38.0"];

    private sealed record Frame(long Seq, DateTimeOffset Ts, int Hr, int Spo2, string Temp);

    private static void AssertStats(JsonElement bucket, string name, IEnumerable<double> values)
    {
        var expected = values.ToList();
        var stats = bucket.GetProperty(name);
        Assert.True(stats.ValueKind == JsonValueKind.Object, $"{name}: no stats in {bucket}");
        Assert.Equal(expected.Count, stats.GetProperty("count").GetInt64());
        Assert.Equal(expected.Min(), stats.GetProperty("min").GetDouble());
        Assert.Equal(expected.Max(), stats.GetProperty("max").GetDouble());
        Assert.Equal(expected.Average(), stats.GetProperty("mean").GetDouble(), 9);
    }
}
