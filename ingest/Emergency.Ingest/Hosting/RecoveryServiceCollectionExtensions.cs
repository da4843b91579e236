using Emergency.Grains.Persistence;
using Emergency.Ingest.Recovery;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Emergency.Ingest.Hosting;

public static class RecoveryServiceCollectionExtensions
{
    /// <summary>
    /// Start-up journal replay into the grains (from the <c>snapshots</c> checkpoint) and the snapshot rounds that move
    /// that checkpoint (section <c>Persistence</c>). Register after the silo and the journal and before
    /// <see cref="IngestServiceCollectionExtensions.AddMqttIngest"/>: device frames are taken only once replay is done.
    /// </summary>
    public static IServiceCollection AddJournalReplay(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<PersistenceOptions>().Bind(configuration.GetSection(PersistenceOptions.Section));
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<RecoveryStatus>();
        services.AddSingleton<JournalReplay>();
        services.AddHostedService(sp => sp.GetRequiredService<JournalReplay>());
        services.AddSingleton<SnapshotRounds>();
        services.AddHostedService(sp => sp.GetRequiredService<SnapshotRounds>());
        return services;
    }
}
