using System.Diagnostics.Metrics;
using Emergency.History;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Emergency.Ingest.Hosting;

public static class HistoryServiceCollectionExtensions
{
    /// <summary>
    /// The vitals history store: InfluxDB when <c>History:Influx:Url</c> is set (with <c>History:Influx:Database</c>,
    /// default <c>emergency</c>), otherwise the embedded SQLite file <c>{Data:Directory}/history/vitals.db</c>.
    /// </summary>
    public static IServiceCollection AddVitalsHistory(this IServiceCollection services, IConfiguration configuration)
    {
        var dataDirectory = DataDirectory(configuration);
        if (!string.IsNullOrWhiteSpace(configuration["History:Influx:Url"]))
        {
            services.AddOptions<InfluxOptions>()
                .Bind(configuration.GetSection("History:Influx"))
                .PostConfigure(o => o.DeadLetterPath ??= Path.Combine(dataDirectory, "history", "influx-dead-letters.jsonl"));
            services.AddSingleton<IVitalsHistory>(sp => new InfluxHistoryStore(
                sp.GetRequiredService<IOptions<InfluxOptions>>().Value,
                sp.GetRequiredService<ILogger<InfluxHistoryStore>>(),
                sp.GetRequiredService<IMeterFactory>()));
        }
        else
        {
            services.AddOptions<SqliteHistoryOptions>()
                .Bind(configuration.GetSection("History:Sqlite"))
                .PostConfigure(o =>
                {
                    if (configuration["History:Sqlite:Path"] is null)
                    {
                        o.Path = Path.Combine(dataDirectory, "history", "vitals.db");
                    }
                });
            services.AddSingleton<IVitalsHistory, SqliteHistoryStore>();
        }
        return services;
    }

    /// <summary><c>Data:Directory</c> (default <c>data</c> under the working directory), made absolute.</summary>
    public static string DataDirectory(IConfiguration configuration) =>
        Path.GetFullPath(configuration["Data:Directory"] is { Length: > 0 } configured ? configured : "data");
}
