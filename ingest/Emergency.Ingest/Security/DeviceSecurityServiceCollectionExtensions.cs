using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Emergency.Ingest.Security;

public static class DeviceSecurityServiceCollectionExtensions
{
    /// <summary>
    /// The device side of security for the embedded broker: the live device registry (<c>Security:Devices:RegistryFile</c>),
    /// authentication, topic ACLs and per-device rate limits (<c>Security:Devices:*</c>), development mode
    /// (<c>Security:Development</c>). Register before <c>AddMqttIngest</c> so the registry is loaded before the broker opens.
    /// </summary>
    public static IServiceCollection AddDeviceSecurity(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<DeviceSecurityOptions>()
            .Bind(configuration.GetSection(DeviceSecurityOptions.Section))
            .Configure(o => o.Development = configuration.GetValue(DeviceSecurityOptions.DevelopmentKey, false))
            .Validate(o => o.MaxFramesPerSecond > 0 && o.Burst >= 1, "Security:Devices:MaxFramesPerSecond must be above 0 and Security:Devices:Burst at least 1")
            .Validate(o => o.ReloadInterval > TimeSpan.Zero, "Security:Devices:ReloadInterval must be positive")
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<DeviceRegistry>();
        services.AddHostedService(sp => sp.GetRequiredService<DeviceRegistry>());
        services.AddSingleton<DeviceRateLimiter>();
        services.AddSingleton<DeviceAccessControl>();
        return services;
    }
}
