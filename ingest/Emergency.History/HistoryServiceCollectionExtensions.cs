using System.Diagnostics.Metrics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Emergency.History;

/// <summary>Registers the vitals history a host is configured for.</summary>
public static class HistoryServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="IVitalsHistory"/> as a singleton from a configuration section such as <c>History</c>:
    /// <c>Store</c> is <c>sqlite</c> (the default) or <c>influxdb</c>; the subsections <c>Sqlite</c> and
    /// <c>Influx</c> bind <see cref="SqliteHistoryOptions"/> and <see cref="InfluxOptions"/>. With SQLite and a
    /// <see cref="SqliteHistoryOptions.Retention"/>, <see cref="SqliteRetentionService"/> is registered as a hosted service.
    /// </summary>
    /// <remarks>
    /// Without <c>Store</c>, setting <c>Influx:Url</c> selects InfluxDB. With <paramref name="dataDirectory"/>, the
    /// SQLite file and the InfluxDB dead-letter file default to <c>history/</c> under it.
    /// </remarks>
    /// <exception cref="InvalidOperationException"><c>Store</c> names no known store.</exception>
    public static IServiceCollection AddVitalsHistory(this IServiceCollection services, IConfiguration section, string? dataDirectory = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(section);
        var store = section["Store"] ?? (string.IsNullOrWhiteSpace(section["Influx:Url"]) ? "sqlite" : "influxdb");
        var sqlite = services.AddOptions<SqliteHistoryOptions>().Bind(section.GetSection("Sqlite"));
        var influx = services.AddOptions<InfluxOptions>().Bind(section.GetSection("Influx"));
        if (dataDirectory is not null)
        {
            var historyDirectory = Path.Combine(dataDirectory, "history");
            sqlite.PostConfigure(o =>
            {
                if (section["Sqlite:Path"] is null) o.Path = Path.Combine(historyDirectory, "vitals.db");
            });
            influx.PostConfigure(o => o.DeadLetterPath ??= Path.Combine(historyDirectory, "influx-dead-letters.jsonl"));
        }

        switch (store.ToLowerInvariant())
        {
            case "sqlite":
                services.AddSingleton(sp => new SqliteHistoryStore(
                    sp.GetRequiredService<IOptions<SqliteHistoryOptions>>().Value,
                    sp.GetService<ILogger<SqliteHistoryStore>>(),
                    sp.GetService<IMeterFactory>()));
                services.AddSingleton<IVitalsHistory>(sp => sp.GetRequiredService<SqliteHistoryStore>());
                if (section.GetSection("Sqlite")["Retention"] is { Length: > 0 })
                {
                    services.AddSingleton<IHostedService>(sp => new SqliteRetentionService(
                        sp.GetRequiredService<SqliteHistoryStore>(),
                        sp.GetRequiredService<IOptions<SqliteHistoryOptions>>().Value,
                        sp.GetService<TimeProvider>(),
                        sp.GetService<ILogger<SqliteRetentionService>>()));
                }
                break;
            case "influxdb" or "influx":
                services.AddSingleton(sp => new InfluxHistoryStore(
                    sp.GetRequiredService<IOptions<InfluxOptions>>().Value,
                    sp.GetService<ILogger<InfluxHistoryStore>>(),
                    sp.GetService<IMeterFactory>()));
                services.AddSingleton<IVitalsHistory>(sp => sp.GetRequiredService<InfluxHistoryStore>());
                break;
            default:
                throw new InvalidOperationException($"History:Store is '{store}'; expected 'sqlite' or 'influxdb'.");
        }
        return services;
    }
}
