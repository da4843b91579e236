using Emergency.Ingest.Ecg;

namespace Emergency.Dashboard.Live;

public static class EcgLivePushExtensions
{
    /// <summary>The live ECG strip: blocks to the viewers of each patient (<c>WatchEcg</c> on <c>/hubs/live</c>).</summary>
    public static IServiceCollection AddEcgLivePush(this IServiceCollection services)
    {
        services.AddSingleton<EcgLiveFanout>();
        services.AddSingleton<IEcgBlockListener>(sp => sp.GetRequiredService<EcgLiveFanout>());
        return services;
    }
}
