using Emergency.History.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Emergency.History.Tests;

public sealed class HistoryRegistrationTests : IDisposable
{
    private readonly TempFolder _folder = new("emergency-history-di");

    public void Dispose() => _folder.Dispose();

    private static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var config = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new ServiceCollection().AddLogging().AddMetrics().AddVitalsHistory(config.GetSection("History")).BuildServiceProvider();
    }

    [Fact]
    public void Sqlite_is_the_default()
    {
        var path = _folder.File("h.db");
        using var services = Build(new() { ["History:Sqlite:Path"] = path });

        var store = Assert.IsType<SqliteHistoryStore>(services.GetRequiredService<IVitalsHistory>());
        Assert.Equal(path, store.DatabasePath);
        Assert.Same(store, services.GetRequiredService<IVitalsHistory>());
        Assert.Empty(services.GetServices<IHostedService>());
    }

    [Fact]
    public void Influxdb_is_chosen_by_configuration()
    {
        using var services = Build(new()
        {
            ["History:Store"] = "influxdb",
            ["History:Influx:Url"] = "http://127.0.0.1:1",
            ["History:Influx:Database"] = "vitals",
            ["History:Influx:DeadLetterPath"] = _folder.File("dead.jsonl"),
        });

        var store = Assert.IsType<InfluxHistoryStore>(services.GetRequiredService<IVitalsHistory>());
        Assert.Equal(_folder.File("dead.jsonl"), store.DeadLetterPath);
    }

    [Fact]
    public void An_unknown_store_is_an_error()
    {
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["History:Store"] = "mongo" }).Build();
        var ex = Assert.Throws<InvalidOperationException>(() => new ServiceCollection().AddVitalsHistory(config.GetSection("History")));
        Assert.Contains("mongo", ex.Message);
    }

    [Fact]
    public async Task Sqlite_retention_runs_as_a_hosted_service()
    {
        using var services = Build(new()
        {
            ["History:Sqlite:Path"] = _folder.File("r.db"),
            ["History:Sqlite:Retention"] = "1.00:00:00",
            ["History:Sqlite:RetentionInterval"] = "00:00:00.050",
        });
        var store = services.GetRequiredService<SqliteHistoryStore>();
        var now = DateTimeOffset.UtcNow;
        var old = TestPoints.Generate("old", 1, 100, start: now.AddDays(-3));
        var fresh = TestPoints.Generate("fresh", 1, 100, start: now.AddHours(-1));
        await store.WriteAsync([.. old, .. fresh]);

        var service = Assert.IsType<SqliteRetentionService>(Assert.Single(services.GetServices<IHostedService>()));
        await service.StartAsync(CancellationToken.None);
        try
        {
            var deadline = DateTime.UtcNow.AddSeconds(10);
            while (service.Passes < 2 && DateTime.UtcNow < deadline)
            {
                await Task.Delay(20);
            }
        }
        finally
        {
            await service.StopAsync(CancellationToken.None);
        }

        Assert.True(service.Passes >= 2);
        Assert.Equal(0, await store.CountAsync("old-patient-0", now.AddDays(-4), now));
        Assert.Equal(100, await store.CountAsync("fresh-patient-0", now.AddDays(-4), now));
    }
}
