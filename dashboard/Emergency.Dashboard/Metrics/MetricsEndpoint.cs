using OpenTelemetry.Metrics;

namespace Emergency.Dashboard.Metrics;

public static class MetricsEndpoint
{
    /// <summary>
    /// Every <c>Emergency.*</c> meter (ingest counters, journal size and fsync latency, history writes and lag)
    /// at <c>GET /metrics</c> in the Prometheus text format.
    /// </summary>
    public static IServiceCollection AddEmergencyMetrics(this IServiceCollection services)
    {
        services.AddOpenTelemetry().WithMetrics(metrics => metrics
            .AddMeter("Emergency.*")
            .AddPrometheusExporter());
        return services;
    }

    public static IEndpointRouteBuilder MapMetricsEndpoint(this IEndpointRouteBuilder app)
    {
        app.MapPrometheusScrapingEndpoint("/metrics");
        return app;
    }
}
