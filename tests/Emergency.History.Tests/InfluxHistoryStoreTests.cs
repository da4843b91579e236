using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Text;
using System.Text.Json;
using Emergency.Domain.Devices;
using Emergency.Domain.Vitals;
using Emergency.History.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace Emergency.History.Tests;

[Collection(InfluxCollection.Name)]
public sealed class InfluxHistoryStoreTests : IDisposable
{
    private static readonly DateTimeOffset T0 = TestPoints.Start;
    private readonly InfluxServerFixture _influx;
    private readonly ITestOutputHelper _output;
    private readonly TempFolder _folder = new("emergency-influx-store");

    public InfluxHistoryStoreTests(InfluxServerFixture influx, ITestOutputHelper output)
    {
        _influx = influx;
        _output = output;
    }

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Hundred_thousand_points_downsample_like_the_reference()
    {
        var db = _influx.NewDatabase("bulk");
        var options = _influx.CreateOptions(db);
        options.BatchSize = 5_000;
        using var store = new InfluxHistoryStore(options);
        var points = TestPoints.Generate("bulk", 5, 20_000);

        var watch = Stopwatch.StartNew();
        foreach (var batch in points.Chunk(10_000))
        {
            await store.WriteAsync(batch);
        }
        watch.Stop();
        _output.WriteLine($"InfluxDB: {points.Count} points in {watch.Elapsed.TotalSeconds:0.00} s = {points.Count / watch.Elapsed.TotalSeconds:0} points/s (requests of {options.BatchSize} lines)");
        Assert.Equal(points.Count, store.PointsWritten);
        Assert.Equal(0, store.FailedAttempts);

        var end = T0.AddSeconds(20_001);
        for (var p = 0; p < 5; p++)
        {
            Assert.Equal(20_000, await store.CountAsync($"bulk-patient-{p}", T0, end));
        }

        var patient = "bulk-patient-3";
        (DateTimeOffset From, DateTimeOffset To, TimeSpan Step)[] queries =
        [
            (T0.AddHours(1), T0.AddHours(1).AddMinutes(10), TimeSpan.FromMinutes(1)),
            (T0.AddSeconds(1234.567), T0.AddSeconds(1234.567).AddMinutes(10), TimeSpan.FromSeconds(7)),
            (T0.AddMinutes(-30), end.AddHours(1), TimeSpan.FromHours(1)),
        ];
        foreach (var (from, to, step) in queries)
        {
            var series = await store.QueryAsync(patient, from, to, step);
            Assert.NotEmpty(series.Buckets);
            TestPoints.AssertEqual(TestPoints.Downsample(points, patient, from, to, step), series.Buckets);
        }
    }

    [Fact]
    public async Task Writing_the_same_batch_twice_keeps_one_copy()
    {
        var db = _influx.NewDatabase("idem");
        using var store = new InfluxHistoryStore(_influx.CreateOptions(db));
        var points = TestPoints.Generate("idem", 2, 600);

        await store.WriteAsync(points);
        await store.WriteAsync(points);
        await store.WriteAsync(points.Take(100).ToList());

        Assert.Equal(600, await store.CountAsync("idem-patient-0", T0, T0.AddHours(1)));
        Assert.Equal(600, await store.CountAsync("idem-patient-1", T0, T0.AddHours(1)));
        var series = await store.QueryAsync("idem-patient-1", T0, T0.AddMinutes(10), TimeSpan.FromMinutes(1));
        TestPoints.AssertEqual(TestPoints.Downsample(points, "idem-patient-1", T0, T0.AddMinutes(10), TimeSpan.FromMinutes(1)), series.Buckets);
    }

    [Fact]
    public async Task Two_readings_of_one_device_in_the_same_millisecond_are_two_points()
    {
        // A monitor catching up after a stall can stamp two frames (two seqs) within one millisecond: both are readings.
        var db = _influx.NewDatabase("samems");
        using var store = new InfluxHistoryStore(_influx.CreateOptions(db));
        var first = new VitalsPoint("north", "p", DeviceKind.Wearable, "w-1", 50, T0.AddTicks(1_000), VitalSigns.Empty with { Hr = 70 });
        var second = first with { Seq = 51, Timestamp = T0.AddTicks(9_000), Vitals = VitalSigns.Empty with { Hr = 90 } };
        await store.WriteAsync([first, second]);
        await store.WriteAsync([second]); // written again (a replay): still one point for seq 51

        Assert.Equal(2, await store.CountAsync("p", T0, T0.AddSeconds(1)));
        var bucket = Assert.Single((await store.QueryAsync("p", T0, T0.AddSeconds(1), TimeSpan.FromSeconds(1))).Buckets);
        Assert.Equal(new ParameterStats(80, 70, 90, 2), bucket.Hr);
    }

    [Fact]
    public async Task A_resend_with_other_values_overwrites_and_other_devices_are_other_points()
    {
        var db = _influx.NewDatabase("overwrite");
        using var store = new InfluxHistoryStore(_influx.CreateOptions(db));
        var first = new VitalsPoint("north", "p", DeviceKind.Ambulance, "amb-1", 1, T0, VitalSigns.Empty with { Hr = 70 });
        await store.WriteAsync([first]);
        await store.WriteAsync([first with { Vitals = VitalSigns.Empty with { Hr = 90 } }]);
        await store.WriteAsync([first with { DeviceId = "amb-2", Vitals = VitalSigns.Empty with { Hr = 100 } }]);
        await store.WriteAsync([first with { DeviceKind = DeviceKind.Wearable, Vitals = VitalSigns.Empty with { Hr = 110 } }]);

        Assert.Equal(3, await store.CountAsync("p", T0, T0.AddSeconds(1)));
        var bucket = Assert.Single((await store.QueryAsync("p", T0, T0.AddSeconds(1), TimeSpan.FromSeconds(1))).Buckets);
        Assert.Equal(new ParameterStats(100, 90, 110, 3), bucket.Hr);
    }

    [Fact]
    public async Task Rejected_lines_are_isolated_by_bisection_and_dead_lettered()
    {
        var db = _influx.NewDatabase("bisect");
        var deadLetters = _folder.File("dead/letters.jsonl");
        using var metrics = new MetricsProbe();
        using var store = new InfluxHistoryStore(_influx.CreateOptions(db, deadLetters), meterFactory: metrics.Factory);
        // hr is a float field once this is stored; a string hr later in the same shard (InfluxDB keeps field types per
        // shard, a week long here) is a type conflict: 400 partial write.
        await store.WriteAsync(TestPoints.Generate("seed", 1, 1));

        var good = TestPoints.Generate("bisect", 1, 1000);
        string[] bad =
        [
            $"vitals,device=amb-0,device_kind=ambulance,patient=bisect-patient-0 hr=\"not a number\",seq=1i {T0.AddSeconds(1500).ToUnixTimeMilliseconds() * 1_000_000}",
            $"vitals,device=amb-0,device_kind=ambulance,patient=bisect-patient-0 hr=NaN,seq=2i {T0.AddSeconds(1501).ToUnixTimeMilliseconds() * 1_000_000}",
            $"vitals,device=amb-0,device_kind=ambulance,patient=bisect-patient-0 o2=maybe,seq=3i {T0.AddSeconds(1502).ToUnixTimeMilliseconds() * 1_000_000}",
        ];
        var lines = LineProtocol.ToText(good).Split('\n', StringSplitOptions.RemoveEmptyEntries).ToList();
        lines.Insert(10, bad[0]);
        lines.Insert(500, bad[1]);
        lines.Insert(lines.Count, bad[2]);
        var writtenBefore = store.PointsWritten;

        await store.WriteLineProtocolAsync(string.Join('\n', lines));

        var stray = await _influx.RowsAsync(db, $"SELECT * FROM vitals WHERE time >= {T0.AddSeconds(1200).ToUnixTimeMilliseconds()}ms");
        Assert.True(stray.Count == 0, string.Join("; ", stray.Select(r => string.Join(",", r.Select(kv => kv.Key + "=" + kv.Value)))));
        Assert.Equal(1000, await store.CountAsync("bisect-patient-0", T0, T0.AddDays(2)));
        var series = await store.QueryAsync("bisect-patient-0", T0, T0.AddMinutes(20), TimeSpan.FromMinutes(1));
        TestPoints.AssertEqual(TestPoints.Downsample(good, "bisect-patient-0", T0, T0.AddMinutes(20), TimeSpan.FromMinutes(1)), series.Buckets);

        Assert.Equal(3, store.DeadLetters);
        Assert.Equal(1000, store.PointsWritten - writtenBefore);
        Assert.Equal(0, store.FailedAttempts);
        Assert.Equal(3, metrics.Sum("emergency.history.dead_letters"));

        var records = File.ReadAllLines(deadLetters).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(bad, records.Select(r => r.GetProperty("line").GetString()));
        Assert.Contains("field type conflict", records[0].GetProperty("error").GetString());
        Assert.Contains("400", records[1].GetProperty("error").GetString());
        Assert.All(records, r => Assert.Equal(db, r.GetProperty("database").GetString()));
        Assert.All(records, r => Assert.True(r.GetProperty("time").GetDateTimeOffset() > DateTimeOffset.UtcNow.AddMinutes(-5)));
    }

    [Fact]
    public async Task Without_a_dead_letter_file_a_rejected_line_fails_the_write()
    {
        var db = _influx.NewDatabase("nodlq");
        using var store = new InfluxHistoryStore(_influx.CreateOptions(db, deadLetterPath: null));
        var line = "vitals,device=d,device_kind=wearable,patient=p hr=bogus,seq=1i 1000";

        var ex = await Assert.ThrowsAsync<HistoryStoreException>(() => store.WriteLineProtocolAsync(line));

        Assert.Contains("no dead-letter file", ex.Message);
        Assert.Contains(line, ex.Message);
        Assert.Equal(0, store.DeadLetters);
    }

    [Fact]
    public async Task A_dead_letter_file_that_cannot_be_written_fails_the_write()
    {
        var blocker = _folder.File("not-a-folder");
        await File.WriteAllTextAsync(blocker, "");
        using var store = new InfluxHistoryStore(_influx.CreateOptions(_influx.NewDatabase("dlqio"), Path.Combine(blocker, "dead.jsonl")));

        var ex = await Assert.ThrowsAsync<HistoryStoreException>(
            () => store.WriteLineProtocolAsync("vitals,device=d,device_kind=wearable,patient=p hr=bogus,seq=1i 1000"));

        Assert.Contains("could not be recorded", ex.Message);
        Assert.Equal(0, store.DeadLetters);
    }

    [Fact]
    public async Task The_database_is_created_on_first_use_and_again_if_dropped()
    {
        var db = _influx.NewDatabase("create");
        using var store = new InfluxHistoryStore(_influx.CreateOptions(db));

        Assert.Empty((await store.QueryAsync("p", T0, T0.AddHours(1), TimeSpan.FromMinutes(1))).Buckets);
        Assert.Contains(await _influx.RowsAsync(db, "SHOW DATABASES"), r => r["name"].GetString() == db);

        await store.WriteAsync(TestPoints.Generate("create", 1, 10));
        await _influx.QueryAsync(db, $"DROP DATABASE \"{db}\"");
        await store.WriteAsync(TestPoints.Generate("create", 1, 20));

        Assert.Equal(20, await store.CountAsync("create-patient-0", T0, T0.AddHours(1)));
        Assert.True(store.FailedAttempts >= 1);
    }

    [Fact]
    public async Task A_retention_policy_other_than_the_default_is_used_for_writes_and_queries()
    {
        var db = _influx.NewDatabase("rp");
        await _influx.CreateDatabaseAsync(db);
        await _influx.QueryAsync(db, $"CREATE RETENTION POLICY \"vitals rp\" ON \"{db}\" DURATION INF REPLICATION 1");
        var options = _influx.CreateOptions(db);
        options.RetentionPolicy = "vitals rp";
        using var store = new InfluxHistoryStore(options);

        await store.WriteAsync(TestPoints.Generate("rp", 1, 90));

        Assert.Equal(90, await store.CountAsync("rp-patient-0", T0, T0.AddHours(1)));
        Assert.Empty(await _influx.RowsAsync(db, "SELECT count(seq) FROM \"autogen\".\"vitals\""));
        Assert.Equal(2, (await store.QueryAsync("rp-patient-0", T0, T0.AddHours(1), TimeSpan.FromMinutes(1))).Buckets.Count);
    }

    [Fact]
    public async Task Invalid_arguments_are_rejected()
    {
        using var store = new InfluxHistoryStore(_influx.CreateOptions(_influx.NewDatabase("args")));
        await Assert.ThrowsAsync<ArgumentException>(() => store.QueryAsync("p", T0, T0.AddMinutes(-1), TimeSpan.FromMinutes(1)));
        await Assert.ThrowsAsync<ArgumentException>(() => store.QueryAsync("p", T0, T0.AddDays(365), TimeSpan.FromMinutes(1)));
        await Assert.ThrowsAsync<ArgumentException>(() => store.QueryAsync("p", T0, T0.AddHours(1), TimeSpan.FromTicks(1)));
        await Assert.ThrowsAsync<ArgumentException>(() => store.WriteAsync([new VitalsPoint("r", "", DeviceKind.Wearable, "w", 1, T0, VitalSigns.Empty)]));
        Assert.Throws<ArgumentException>(() => new InfluxHistoryStore(new InfluxOptions { Url = new Uri("ftp://x"), Database = "d" }));
        Assert.Throws<ArgumentException>(() => new InfluxHistoryStore(new InfluxOptions { Database = " " }));
        Assert.Throws<ArgumentException>(() => new InfluxHistoryStore(new InfluxOptions { BatchSize = 0 }));
    }

    /// <summary>Collects the measurements of the meters one <see cref="IMeterFactory"/> creates.</summary>
    private sealed class MetricsProbe : IDisposable
    {
        private readonly ServiceProvider _services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        private readonly MeterListener _listener = new();
        private readonly Dictionary<string, long> _sums = [];

        public MetricsProbe()
        {
            Factory = _services.GetRequiredService<IMeterFactory>();
            _listener.InstrumentPublished = (instrument, listener) =>
            {
                if (ReferenceEquals(instrument.Meter.Scope, Factory))
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            };
            _listener.SetMeasurementEventCallback<long>((instrument, value, _, _) =>
            {
                lock (_sums)
                {
                    _sums[instrument.Name] = _sums.GetValueOrDefault(instrument.Name) + value;
                }
            });
            _listener.Start();
        }

        public IMeterFactory Factory { get; }

        public long Sum(string instrument)
        {
            lock (_sums)
            {
                return _sums.GetValueOrDefault(instrument);
            }
        }

        public void Dispose()
        {
            _listener.Dispose();
            _services.Dispose();
        }
    }
}
