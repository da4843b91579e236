using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Emergency.Risk;

public static class RiskServiceCollectionExtensions
{
    /// <summary>The deterioration-risk monitors patient grains take (configuration section <c>Risk</c>).</summary>
    public static IServiceCollection AddDeteriorationRisk(this IServiceCollection services, IConfiguration? configuration = null)
    {
        var options = services.AddOptions<RiskOptions>();
        if (configuration is not null)
        {
            options.Bind(configuration.GetSection(RiskOptions.Section));
        }
        services.TryAddSingleton<DeteriorationRiskMonitors>();
        return services;
    }
}
