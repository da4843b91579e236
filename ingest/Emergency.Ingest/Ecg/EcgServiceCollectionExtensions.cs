using Emergency.Ingest.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Emergency.Ingest.Ecg;

public static class EcgServiceCollectionExtensions
{
    /// <summary>
    /// Live ECG (section <c>Ecg</c>): frames on <c>ems/{region}/ambulance/{unitId}/ecg</c> journaled, stored in
    /// <c>{data}/ecg.db</c> for <c>Ecg:RetentionHours</c>, kept 60 s in memory per patient; the raw socket gateway
    /// when <c>Ecg:Gateway:Port</c> is set. Register with the MQTT ingest.
    /// </summary>
    public static IServiceCollection AddEcgIngest(this IServiceCollection services, IConfiguration configuration)
    {
        var data = DataPaths.Root(configuration);
        services.AddOptions<EcgOptions>()
            .Bind(configuration.GetSection(EcgOptions.Section))
            .PostConfigure(o => o.File ??= Path.Combine(data, "ecg.db"))
            .Validate(o => o.RetentionHours > 0, "Ecg:RetentionHours must be positive")
            .Validate(o => o.RingSeconds is >= 10 and <= 600, "Ecg:RingSeconds must be 10-600")
            .Validate(o => o.Gateway.Port is >= 0 and < 65536, "Ecg:Gateway:Port must be 0 (off) or 1-65535")
            .ValidateOnStart();
        services.AddMetrics();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<EcgMetrics>();
        services.AddSingleton(sp => new EcgStore(sp.GetRequiredService<IOptions<EcgOptions>>().Value.File!));
        services.AddSingleton<EcgRings>();
        services.AddSingleton<EcgIngestor>();
        services.AddSingleton<EcgLatestFindings>();
        services.AddSingleton<EcgAnalysisService>();
        services.AddSingleton<IEcgBlockListener>(sp => sp.GetRequiredService<EcgAnalysisService>());
        services.AddHostedService(sp => sp.GetRequiredService<EcgAnalysisService>());
        services.AddHostedService<EcgRetention>();
        services.AddSingleton<Gateway.GatewayAuthenticator>();
        services.AddHostedService<Gateway.EcgGateway>();
        return services;
    }
}
