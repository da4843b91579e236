using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Runtime.Hosting;
using Orleans.Serialization;

namespace Emergency.Grains.Persistence;

public static class PersistenceServiceCollectionExtensions
{
    /// <summary>
    /// The grain storage named <see cref="GrainStorageNames.State"/> (section <c>Persistence</c>): SQLite under the data
    /// folder by default, memory for tests. Swapping the provider (e.g. Orleans' ADO.NET storage for a cluster) is
    /// registering another <c>IGrainStorage</c> under the same name; the grains only know the name.
    /// </summary>
    public static IServiceCollection AddEmergencyGrainPersistence(this IServiceCollection services, IConfiguration? configuration)
    {
        var options = services.AddOptions<PersistenceOptions>();
        if (configuration is not null)
        {
            options.Bind(configuration.GetSection(PersistenceOptions.Section));
        }
        else
        {
            options.Configure(o => o.Provider = GrainStateProvider.Memory);
        }
        options.PostConfigure(o =>
        {
            var data = configuration?["Data:Directory"] is { Length: > 0 } configured ? configured : "data";
            o.File ??= Path.Combine(Path.GetFullPath(data), "state.db");
        })
        .Validate(o => o.SnapshotInterval > TimeSpan.Zero && o.SnapshotConcurrency > 0 && o.WriteTimeout > TimeSpan.Zero,
            "Persistence:SnapshotInterval, SnapshotConcurrency and WriteTimeout must be positive")
        .ValidateOnStart();
        services.AddMetrics();
        services.TryAddSingleton<IDirtyGrains, DirtyGrains>();
        if (configuration is not null && Clustering.EmergencyClusterOptions.From(configuration).IsCluster)
        {
            return services; // a cluster keeps grain state in its shared store under the same name (Clustering/)
        }
        services.AddGrainStorage(GrainStorageNames.State, (sp, _) =>
        {
            var o = sp.GetRequiredService<IOptions<PersistenceOptions>>().Value;
            var serializer = sp.GetRequiredService<Serializer>();
            return o.Provider switch
            {
                GrainStateProvider.Memory => (Orleans.Storage.IGrainStorage)new MemoryGrainStateStorage(serializer),
                _ => new SqliteGrainStorage(o.File!, serializer, sp.GetRequiredService<ILogger<SqliteGrainStorage>>(), o.WriteTimeout),
            };
        });
        return services;
    }
}
