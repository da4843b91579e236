using System.Diagnostics;
using Emergency.History.Tests.Infrastructure;

namespace Emergency.History.Tests;

/// <summary>
/// The server dies or hangs: writes fail after bounded retries (the caller keeps its cursor) and succeed once the
/// server is back, without duplicates. Each test leaves the server running.
/// </summary>
[Collection(InfluxCollection.Name)]
public sealed class InfluxOutageTests
{
    private static readonly DateTimeOffset T0 = TestPoints.Start;
    private readonly InfluxServerFixture _influx;

    public InfluxOutageTests(InfluxServerFixture influx) => _influx = influx;

    private InfluxOptions QuickOptions(string db)
    {
        var options = _influx.CreateOptions(db);
        options.Timeout = TimeSpan.FromMilliseconds(700);
        options.MaxRetries = 2;
        options.RetryDelay = TimeSpan.FromMilliseconds(50);
        options.MaxRetryDelay = TimeSpan.FromMilliseconds(200);
        return options;
    }

    [Fact]
    public async Task Killed_server_fails_the_write_and_a_restarted_one_takes_it_without_duplicates()
    {
        var db = _influx.NewDatabase("kill");
        using var store = new InfluxHistoryStore(QuickOptions(db));
        var before = TestPoints.Generate("kill", 1, 300);
        var during = TestPoints.Generate("kill", 1, 300, start: T0.AddSeconds(300));
        await store.WriteAsync(before);

        _influx.Kill();
        try
        {
            var watch = Stopwatch.StartNew();
            var ex = await Assert.ThrowsAsync<HistoryStoreException>(() => store.WriteAsync(during));
            Assert.Contains("after 3 attempts", ex.Message);
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), $"gave up after {watch.Elapsed}");
            Assert.Equal(3, store.FailedAttempts);
            Assert.Equal(2, store.Retries);
        }
        finally
        {
            await _influx.RestartAsync();
        }

        // The consumer's cursor did not move: it writes the failed batch again, and may replay the one before.
        await store.WriteAsync(during);
        await store.WriteAsync(before);

        Assert.Equal(600, await store.CountAsync("kill-patient-0", T0, T0.AddHours(1)));
        var all = before.Concat(during).ToList();
        var series = await store.QueryAsync("kill-patient-0", T0, T0.AddMinutes(10), TimeSpan.FromMinutes(1));
        TestPoints.AssertEqual(TestPoints.Downsample(all, "kill-patient-0", T0, T0.AddMinutes(10), TimeSpan.FromMinutes(1)), series.Buckets);
    }

    [Fact]
    public async Task Paused_server_times_the_write_out_and_a_resumed_one_takes_it()
    {
        var db = _influx.NewDatabase("pause");
        using var store = new InfluxHistoryStore(QuickOptions(db));
        var before = TestPoints.Generate("pause", 1, 120);
        var during = TestPoints.Generate("pause", 1, 120, start: T0.AddSeconds(120));
        await store.WriteAsync(before);

        _influx.Pause();
        try
        {
            var watch = Stopwatch.StartNew();
            var ex = await Assert.ThrowsAsync<HistoryStoreException>(() => store.WriteAsync(during));
            Assert.Contains("timed out", ex.Message);
            Assert.True(watch.Elapsed >= TimeSpan.FromMilliseconds(3 * 700), $"gave up after {watch.Elapsed}");
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), $"gave up after {watch.Elapsed}");
        }
        finally
        {
            _influx.Resume();
        }

        await store.WriteAsync(during);

        Assert.Equal(240, await store.CountAsync("pause-patient-0", T0, T0.AddHours(1)));
        var all = before.Concat(during).ToList();
        var series = await store.QueryAsync("pause-patient-0", T0, T0.AddMinutes(4), TimeSpan.FromMinutes(1));
        TestPoints.AssertEqual(TestPoints.Downsample(all, "pause-patient-0", T0, T0.AddMinutes(4), TimeSpan.FromMinutes(1)), series.Buckets);
    }
}
