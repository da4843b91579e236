using Emergency.History;
using Emergency.Ingest.Journaling;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Emergency.Ingest.Hosting;

public static class DurabilityServiceCollectionExtensions
{
    /// <summary>
    /// The ingest journal (section <c>Journal</c>, folder <c>{Data:Directory}/journal</c>) and the vitals history fed
    /// from it (section <c>History</c>: InfluxDB when <c>History:Influx:Url</c> is set, else SQLite under the data
    /// folder). Register before <see cref="IngestServiceCollectionExtensions.AddMqttIngest"/> so the journal is open
    /// before the broker accepts frames.
    /// </summary>
    public static IServiceCollection AddIngestJournalAndHistory(this IServiceCollection services, IConfiguration configuration)
    {
        var data = DataPaths.Root(configuration);
        services.AddMetrics();
        services.AddOptions<JournalHostOptions>()
            .Bind(configuration.GetSection(JournalHostOptions.Section))
            .PostConfigure(o => o.Directory ??= Path.Combine(data, "journal"));
        services.AddSingleton<JournalHost>();
        services.AddSingleton<IFrameJournal>(sp => sp.GetRequiredService<JournalHost>());
        services.AddHostedService(sp => sp.GetRequiredService<JournalHost>());

        services.AddVitalsHistory(configuration.GetSection("History"), data);
        services.AddOptions<HistoryConsumerOptions>().Bind(configuration.GetSection(HistoryConsumerOptions.Section));
        services.AddSingleton<HistoryConsumer>();
        services.AddHostedService(sp => sp.GetRequiredService<HistoryConsumer>());
        return services;
    }
}
