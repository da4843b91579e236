using Emergency.Grains.Live;
using Emergency.Handover.Api;
using Emergency.Handover.Delivery;
using Emergency.Handover.Edxl;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Emergency.Handover;

public static class HandoverExtensions
{
    /// <summary>
    /// The handover record: delivery to the hospitals' FHIR endpoints (section <c>Handover</c>), the triggers that
    /// watch patient changes (wrapping the live push sink registered before), and EDXL-HAVE. Register after the live push.
    /// </summary>
    public static IServiceCollection AddHandover(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<HandoverOptions>().Bind(configuration.GetSection(HandoverOptions.Section));
        services.AddHttpClient(HandoverDispatcher.HttpClientName);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IHandoverNotifier, NullHandoverNotifier>();
        services.AddSingleton<HandoverMetrics>();
        services.AddSingleton<HandoverRecordSource>();
        services.AddSingleton<HandoverDispatcher>();
        services.AddHostedService(sp => sp.GetRequiredService<HandoverDispatcher>());
        DecoratePushSink(services);
        return services;
    }

    /// <summary>The handover and EDXL-HAVE endpoints.</summary>
    public static IEndpointRouteBuilder MapHandoverApi(this IEndpointRouteBuilder app)
    {
        app.MapHandoverRoutes();
        app.MapEdxlHaveRoutes();
        return app;
    }

    private static void DecoratePushSink(IServiceCollection services)
    {
        var inner = services.LastOrDefault(d => d.ServiceType == typeof(ILivePushSink));
        if (inner is not null)
        {
            services.Remove(inner);
        }
        services.AddSingleton<ILivePushSink>(sp => new HandoverTriggers(Resolve(sp, inner), sp.GetRequiredService<HandoverDispatcher>()));
    }

    private static ILivePushSink Resolve(IServiceProvider sp, ServiceDescriptor? descriptor) => descriptor switch
    {
        null => new NullLivePushSink(),
        { ImplementationInstance: ILivePushSink instance } => instance,
        { ImplementationFactory: { } factory } => (ILivePushSink)factory(sp),
        { ImplementationType: { } type } => (ILivePushSink)ActivatorUtilities.CreateInstance(sp, type),
        _ => new NullLivePushSink(),
    };
}
