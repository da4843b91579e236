using Emergency.Ingest.Broker;
using Emergency.Ingest.Dispatch;
using Emergency.Ingest.ExternalBroker;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Emergency.Ingest.Hosting;

public static class IngestServiceCollectionExtensions
{
    /// <summary>
    /// The MQTT edge: the embedded broker (section <c>Mqtt</c>), or with <c>Mqtt:Broker</c> a shared subscription to an
    /// external broker; decoding, validation and batched hand-off to grains.
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
        services.AddOptions<ExternalBrokerOptions>()
            .Bind(configuration.GetSection(MqttIngestOptions.Section))
            .Validate(o => !o.Enabled || o.Endpoint(out _) is not null, "Mqtt:Broker must be mqtt://host:port")
            .Validate(o => o.ReceiveMaximum is > 0 and <= 65535, "Mqtt:ReceiveMaximum must be 1-65535")
            .ValidateOnStart();
        if (configuration.GetSection(MqttIngestOptions.Section).Get<ExternalBrokerOptions>() is { Enabled: true })
        {
            // Mqtt:Broker: frames from an external broker's shared subscription; no broker of our own.
            services.AddSingleton<ExternalBrokerSubscriber>();
            services.AddSingleton<IMqttEdge>(sp => sp.GetRequiredService<ExternalBrokerSubscriber>());
            services.AddHostedService(sp => sp.GetRequiredService<ExternalBrokerSubscriber>());
            return services;
        }
        services.AddSingleton<EmbeddedMqttBroker>();
        services.AddSingleton<IMqttEdge>(sp => sp.GetRequiredService<EmbeddedMqttBroker>());
        services.AddHostedService(sp => sp.GetRequiredService<EmbeddedMqttBroker>());
        return services;
    }
}
