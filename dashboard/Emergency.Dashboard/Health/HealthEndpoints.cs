using Emergency.Ingest.Broker;
using Emergency.Ingest.Hosting;

namespace Emergency.Dashboard.Health;

public static class HealthEndpoints
{
    /// <summary>
    /// <c>/health/live</c>: the process answers. <c>/health/ready</c>: 200 once the silo and the broker are up
    /// (503 before, and while stopping), with the ingest counters so refusals and drops are visible.
    /// </summary>
    public static IEndpointRouteBuilder MapHealthEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/health/live", () => Results.Ok(new { status = "live" }));
        app.MapGet("/health/ready", (IHostApplicationLifetime lifetime, EmbeddedMqttBroker broker, IngestMetrics metrics) =>
        {
            var started = lifetime.ApplicationStarted.IsCancellationRequested;
            var stopping = lifetime.ApplicationStopping.IsCancellationRequested;
            var checks = new
            {
                silo = started && !stopping ? "up" : "down",
                broker = broker.IsRunning ? "up" : "down",
            };
            var ready = started && !stopping && broker.IsRunning;
            return Results.Json(new { status = ready ? "ready" : "not-ready", checks, ingest = metrics.Snapshot() },
                statusCode: ready ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable);
        });
        return app;
    }
}
