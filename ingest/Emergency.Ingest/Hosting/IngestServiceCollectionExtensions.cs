using Emergency.Ingest.Broker;
using Emergency.Ingest.Dispatch;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Emergency.Ingest.Hosting;

public static class IngestServiceCollectionExtensions
{
    /// <summary>
    /// The MQTT edge: the embedded broker (section <c>Mqtt</c>), decoding, validation and batched hand-off to grains.
    /// Register after the Orleans silo so the broker opens only once grains can be called.
    /// </summary>
    public static IServiceCollection AddMqttIngest(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<MqttIngestOptions>()
            .Bind(configuration.GetSection(MqttIngestOptions.Section))
            .Validate(o => o.Port is > 0 and < 65536, "Mqtt:Port must be 1-65535")
            .Validate(o => o.Plain.Enabled || o.Tls.Enabled, "Mqtt:Plain:Enabled is false and Mqtt:Tls:CertificateFile is not set: the broker would have no endpoint")
            .Validate(o => !o.Tls.Enabled || o.Tls.Port is > 0 and < 65536, "Mqtt:Tls:Port must be 1-65535")
            .Validate(o => !o.Tls.Enabled || !o.Plain.Enabled || o.Tls.Port != o.Port, "Mqtt:Tls:Port must differ from Mqtt:Port")
            .Validate(o => o.MaxPayloadBytes > 0 && o.QueueCapacity > 0 && o.MaxBatch > 0 && o.MaxConcurrentBatches > 0,
                "Mqtt limits must be positive")
            .ValidateOnStart();
        services.AddMetrics();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<IngestMetrics>();
        // With AddJournalReplay (RecoveryStatus registered) frames wait for the start-up replay.
        services.AddSingleton<FrameDispatcher>();
        services.AddHostedService(sp => sp.GetRequiredService<FrameDispatcher>());
        services.AddSingleton<FrameIngestor>();
        services.AddSingleton<EmbeddedMqttBroker>();
        services.AddHostedService(sp => sp.GetRequiredService<EmbeddedMqttBroker>());
        return services;
    }
}
