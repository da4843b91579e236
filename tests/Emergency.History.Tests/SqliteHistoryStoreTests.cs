using System.Diagnostics;
using Emergency.Domain.Devices;
using Emergency.Domain.Vitals;
using Emergency.History.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Xunit.Abstractions;

namespace Emergency.History.Tests;

public sealed class SqliteHistoryStoreTests : IDisposable
{
    private readonly TempFolder _folder = new("emergency-sqlite");
    private readonly ITestOutputHelper _output;

    public SqliteHistoryStoreTests(ITestOutputHelper output) => _output = output;

    public void Dispose() => _folder.Dispose();

    private SqliteHistoryStore NewStore(string name = "vitals.db", int deleteChunk = 10_000) =>
        new(new SqliteHistoryOptions { Path = Path.Combine(_folder.Path, "data", name), DeleteChunkSize = deleteChunk });

    private static readonly DateTimeOffset T0 = TestPoints.Start;

    [Fact]
    public async Task Round_trip_keeps_every_column()
    {
        using var store = NewStore();
        var vitals = new VitalSigns(72.5, 16, 97.25, 121, 79, 36.85, Acvpu.Voice, true, Spo2Scale.Scale2);
        var point = new VitalsPoint("north", "p-1", DeviceKind.Wearable, "w-7", 99, T0.AddMilliseconds(1234), vitals, News2: 6);

        await store.WriteAsync([point]);

        using var connection = new SqliteConnection($"Data Source={store.DatabasePath}");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT patient, device_kind, device, ts_ms, seq, region, hr, rr, spo2, sbp, dbp, temp, acvpu, o2, spo2_scale, news2 FROM vitals";
        using var reader = command.ExecuteReader();
        Assert.True(reader.Read());
        Assert.Equal("p-1", reader.GetString(0));
        Assert.Equal("wearable", reader.GetString(1));
        Assert.Equal("w-7", reader.GetString(2));
        Assert.Equal(point.TimestampMs, reader.GetInt64(3));
        Assert.Equal(99, reader.GetInt64(4));
        Assert.Equal("north", reader.GetString(5));
        Assert.Equal([72.5, 16, 97.25, 121, 79, 36.85], Enumerable.Range(6, 6).Select(reader.GetDouble));
        Assert.Equal("V", reader.GetString(12));
        Assert.Equal(1, reader.GetInt64(13));
        Assert.Equal(2, reader.GetInt64(14));
        Assert.Equal(6, reader.GetInt64(15));
        Assert.False(reader.Read());

        var series = await store.QueryAsync("p-1", T0, T0.AddMinutes(1), TimeSpan.FromMinutes(1));
        var bucket = Assert.Single(series.Buckets);
        Assert.Equal(T0, bucket.Start);
        Assert.Equal(new ParameterStats(72.5, 72.5, 72.5, 1), bucket.Hr);
        Assert.Equal(new ParameterStats(6, 6, 6, 1), bucket.News2);
    }

    [Fact]
    public async Task Null_values_are_stored_as_null_and_left_out_of_the_aggregates()
    {
        using var store = NewStore();
        var hrOnly = VitalSigns.Empty with { Hr = 80 };
        await store.WriteAsync([
            new VitalsPoint("", "p", DeviceKind.Wearable, "w", 1, T0, hrOnly),
            new VitalsPoint("", "p", DeviceKind.Wearable, "w", 2, T0.AddSeconds(1), VitalSigns.Empty with { Hr = double.NaN, Spo2 = 95 }),
        ]);

        var bucket = Assert.Single((await store.QueryAsync("p", T0, T0.AddMinutes(1), TimeSpan.FromMinutes(1))).Buckets);
        Assert.Equal(1, bucket.Hr!.Value.Count);
        Assert.Equal(1, bucket.Spo2!.Value.Count);
        Assert.Null(bucket.Rr);
        Assert.Null(bucket.News2);
        Assert.Equal(2, await store.CountAsync("p", T0, T0.AddMinutes(1)));
    }

    [Fact]
    public async Task Writing_the_same_batch_twice_keeps_one_copy()
    {
        using var store = NewStore();
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
        using var store = NewStore();
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
        using var store = NewStore();
        var first = new VitalsPoint("north", "p", DeviceKind.Ambulance, "amb-1", 1, T0, VitalSigns.Empty with { Hr = 70 });
        await store.WriteAsync([first]);
        await store.WriteAsync([first with { Vitals = VitalSigns.Empty with { Hr = 90 }, Region = "south" }]);
        await store.WriteAsync([first with { DeviceId = "amb-2", Vitals = VitalSigns.Empty with { Hr = 100 } }]);
        await store.WriteAsync([first with { DeviceKind = DeviceKind.Wearable, Vitals = VitalSigns.Empty with { Hr = 110 } }]);

        Assert.Equal(3, await store.CountAsync("p", T0, T0.AddSeconds(1)));
        var bucket = Assert.Single((await store.QueryAsync("p", T0, T0.AddSeconds(1), TimeSpan.FromSeconds(1))).Buckets);
        Assert.Equal(new ParameterStats(100, 90, 110, 3), bucket.Hr);
    }

    [Fact]
    public async Task Retention_deletes_only_older_points()
    {
        using var store = NewStore(deleteChunk: 64);
        var points = TestPoints.Generate("ret", 2, 1000);
        await store.WriteAsync(points);
        var cutoff = T0.AddSeconds(400);
        var older = points.Count(p => p.Timestamp < cutoff);

        var deleted = await store.DeleteOlderThanAsync(cutoff);

        Assert.Equal(older, deleted);
        Assert.Equal(0, await store.CountAsync("ret-patient-0", T0.AddDays(-1), cutoff));
        Assert.Equal(points.Count(p => p.PatientId == "ret-patient-0" && p.Timestamp >= cutoff),
            await store.CountAsync("ret-patient-0", cutoff, T0.AddDays(1)));
        Assert.Equal(points.Count - older,
            await store.CountAsync("ret-patient-0", T0, T0.AddDays(1)) + await store.CountAsync("ret-patient-1", T0, T0.AddDays(1)));
        Assert.Equal(0, await store.DeleteOlderThanAsync(cutoff));
    }

    [Fact]
    public async Task The_file_is_in_WAL_mode_with_normal_synchronous()
    {
        using var store = NewStore();
        await store.WriteAsync(TestPoints.Generate("wal", 1, 10));

        using var connection = new SqliteConnection($"Data Source={store.DatabasePath}");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode";
        Assert.Equal("wal", (string)command.ExecuteScalar()!);
        Assert.True(File.Exists(store.DatabasePath + "-wal"));
    }

    [Fact]
    public async Task A_version_1_file_keyed_without_seq_is_migrated_with_its_rows()
    {
        var path = Path.Combine(_folder.Path, "data", "v1.db");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using (var v1 = new SqliteConnection($"Data Source={path}"))
        {
            v1.Open();
            using var create = v1.CreateCommand();
            create.CommandText = """
                CREATE TABLE vitals (patient TEXT NOT NULL, device_kind TEXT NOT NULL, device TEXT NOT NULL,
                    ts_ms INTEGER NOT NULL, seq INTEGER NOT NULL, region TEXT NOT NULL, hr REAL, rr REAL, spo2 REAL,
                    sbp REAL, dbp REAL, temp REAL, acvpu TEXT, o2 INTEGER, spo2_scale INTEGER, news2 INTEGER,
                    PRIMARY KEY (patient, device_kind, device, ts_ms)) WITHOUT ROWID;
                CREATE INDEX vitals_patient_time ON vitals (patient, ts_ms);
                CREATE INDEX vitals_time ON vitals (ts_ms);
                PRAGMA user_version = 1;
                """;
            create.ExecuteNonQuery();
            create.CommandText = $"INSERT INTO vitals (patient, device_kind, device, ts_ms, seq, region, hr) VALUES ('p', 'wearable', 'w-1', {T0.ToUnixTimeMilliseconds()}, 50, 'north', 70)";
            create.ExecuteNonQuery();
        }
        SqliteConnection.ClearAllPools();

        using var store = new SqliteHistoryStore(new SqliteHistoryOptions { Path = path });
        var sameMillisecond = new VitalsPoint("north", "p", DeviceKind.Wearable, "w-1", 51, T0, VitalSigns.Empty with { Hr = 90 });
        await store.WriteAsync([sameMillisecond]);

        Assert.Equal(2, await store.CountAsync("p", T0, T0.AddSeconds(1)));
        using var check = new SqliteConnection($"Data Source={path}");
        check.Open();
        using var version = check.CreateCommand();
        version.CommandText = "PRAGMA user_version;";
        Assert.Equal(2L, (long)version.ExecuteScalar()!);
    }

    [Fact]
    public async Task Data_survives_reopening_the_file()
    {
        var points = TestPoints.Generate("reopen", 1, 300);
        using (var store = NewStore())
        {
            await store.WriteAsync(points);
        }
        using var again = NewStore();
        Assert.Equal(300, await again.CountAsync("reopen-patient-0", T0, T0.AddHours(1)));
    }

    [Fact]
    public async Task Queries_before_any_write_find_nothing()
    {
        using var store = NewStore();
        Assert.Empty((await store.QueryAsync("nobody", T0, T0.AddHours(1), TimeSpan.FromMinutes(1))).Buckets);
        Assert.Equal(0, await store.CountAsync("nobody", T0, T0.AddHours(1)));
    }

    [Fact]
    public async Task Odd_patient_ids_are_plain_parameters()
    {
        using var store = NewStore();
        var id = "x'; DROP TABLE vitals; -- \"Zoë\" \\ \n";
        await store.WriteAsync([new VitalsPoint("r", id, DeviceKind.Wearable, "w", 1, T0, VitalSigns.Empty with { Hr = 60 })]);

        Assert.Equal(1, await store.CountAsync(id, T0, T0.AddSeconds(1)));
        Assert.Single((await store.QueryAsync(id, T0, T0.AddSeconds(1), TimeSpan.FromSeconds(1))).Buckets);
    }

    [Fact]
    public async Task Invalid_arguments_are_rejected()
    {
        using var store = NewStore();
        await Assert.ThrowsAsync<ArgumentException>(() => store.QueryAsync("p", T0, T0, TimeSpan.FromMinutes(1)));
        await Assert.ThrowsAsync<ArgumentException>(() => store.QueryAsync("p", T0, T0.AddDays(30), TimeSpan.FromMinutes(1)));
        await Assert.ThrowsAsync<ArgumentException>(() => store.QueryAsync("p", T0, T0.AddHours(1), TimeSpan.Zero));
        await Assert.ThrowsAsync<ArgumentException>(() => store.WriteAsync([new VitalsPoint("r", "", DeviceKind.Wearable, "w", 1, T0, VitalSigns.Empty)]));
        await Assert.ThrowsAsync<ArgumentException>(() => store.WriteAsync([new VitalsPoint("r", "p", DeviceKind.Wearable, "", 1, T0, VitalSigns.Empty)]));
    }

    [Fact]
    public async Task Concurrent_writers_and_readers()
    {
        using var store = NewStore();
        var points = TestPoints.Generate("conc", 4, 1500);
        using var stop = new CancellationTokenSource();
        var reads = 0;
        var reader = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested || Volatile.Read(ref reads) < 3)
            {
                await store.QueryAsync("conc-patient-0", T0, T0.AddHours(1), TimeSpan.FromMinutes(1));
                Interlocked.Increment(ref reads);
            }
        });
        var writers = points.Chunk(250).Select(chunk => Task.Run(() => store.WriteAsync(chunk))).ToArray();
        await Task.WhenAll(writers);
        stop.Cancel();
        await reader;

        for (var p = 0; p < 4; p++)
        {
            Assert.Equal(1500, await store.CountAsync($"conc-patient-{p}", T0, T0.AddHours(1)));
        }
        Assert.True(reads > 0);
    }

    [Fact]
    public async Task Hundred_thousand_points_downsample_like_the_reference()
    {
        using var store = NewStore();
        var points = TestPoints.Generate("bulk", 5, 20_000);

        var watch = Stopwatch.StartNew();
        foreach (var batch in points.Chunk(10_000))
        {
            await store.WriteAsync(batch);
        }
        watch.Stop();
        _output.WriteLine($"SQLite: {points.Count} points in {watch.Elapsed.TotalSeconds:0.00} s = {points.Count / watch.Elapsed.TotalSeconds:0} points/s (batches of 10,000)");
        Assert.Equal(points.Count, store.PointsWritten);

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
}
