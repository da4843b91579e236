using Emergency.Grains.Live;
using Emergency.Handover.Delivery;

namespace Emergency.Dashboard.Live;

public static class LivePushExtensions
{
    /// <summary>SignalR and the coalescing push that grains feed (section <c>LivePush</c>).</summary>
    public static IServiceCollection AddLivePush(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSignalR().AddLiveBackplane(configuration); // LivePush:Redis: pushes reach boards on every node
        services.AddOptions<LivePushOptions>().Bind(configuration.GetSection(LivePushOptions.Section));
        services.AddSingleton<CoalescingLivePush>();
        services.AddSingleton<ILivePushSink>(sp => sp.GetRequiredService<CoalescingLivePush>());
        services.AddHostedService(sp => sp.GetRequiredService<CoalescingLivePush>());
        services.AddSingleton<IHandoverNotifier, HandoverHubNotifier>();
        return services;
    }

    public static IEndpointRouteBuilder MapLiveHub(this IEndpointRouteBuilder app)
    {
        app.MapHub<LiveHub>("/hubs/live");
        return app;
    }
}
