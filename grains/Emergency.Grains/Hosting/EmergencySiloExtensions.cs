using Emergency.Grains.Clustering;
using Emergency.Grains.Dispatch;
using Emergency.Grains.Hospitals;
using Emergency.Grains.Live;
using Emergency.Grains.Patients;
using Emergency.Grains.Persistence;
using Emergency.Risk;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace Emergency.Grains.Hosting;

public static class EmergencySiloExtensions
{
    /// <summary>
    /// Hosts the Orleans silo in this process: localhost clustering on <c>Orleans:SiloPort</c> (11111) and
    /// <c>Orleans:GatewayPort</c> (30000) unless <c>Cluster:Mode</c> names a cluster, and the services the grains need.
    /// </summary>
    public static IHostApplicationBuilder AddEmergencySilo(this IHostApplicationBuilder builder)
    {
        var cluster = EmergencyClusterOptions.From(builder.Configuration);
        builder.UseOrleans(silo =>
        {
            silo.UseEmergencyClustering(cluster); // Cluster:Mode = Localhost (default) | AdoNet | Redis
            silo.Services.AddEmergencyGrainServices(builder.Configuration);
        });
        return builder;
    }

    /// <summary>The services grains depend on, including grain state storage; also used by test clusters.</summary>
    public static IServiceCollection AddEmergencyGrainServices(this IServiceCollection services, IConfiguration? configuration = null)
    {
        var options = services.AddOptions<PatientOptions>();
        if (configuration is not null)
        {
            options.Bind(configuration.GetSection(PatientOptions.Section));
        }
        var hospitals = services.AddOptions<HospitalOptions>();
        var dispatch = services.AddOptions<DispatchOptions>();
        if (configuration is not null)
        {
            hospitals.Bind(configuration.GetSection(HospitalOptions.Section));
            dispatch.Bind(configuration.GetSection(DispatchOptions.Section));
        }
        services.TryAddSingleton<DispatchModel>();
        services.TryAddKeyedSingleton(ClinicalTime.Key, TimeProvider.System);
        services.TryAddSingleton<ILivePushSink, NullLivePushSink>();
        services.AddDeteriorationRisk(configuration);
        // Grain state (section Persistence): SQLite by default; in memory when no configuration is given (tests).
        services.AddEmergencyGrainPersistence(configuration);
        return services;
    }
}
