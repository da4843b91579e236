using Emergency.Dashboard.Security;
using Emergency.Ingest.Broker;
using Emergency.Ingest.Ecg;
using Emergency.Ingest.Hosting;
using Emergency.Ingest.Journaling;
using Emergency.Ingest.Recovery;

namespace Emergency.Dashboard.Health;

public static class HealthEndpoints
{
    /// <summary>
    /// <c>/health/live</c>: the process answers. <c>/health/ready</c>: 200 once the silo, the journal and the broker
    /// are up (503 before, and while stopping); <c>status</c> is <c>degraded</c> (still 200: devices are being
    /// acknowledged, nothing is lost) while the history writer lags or fails. The body carries the ingest counters,
    /// the journal's figures and the history writer's lag, so refusals, drops and backlogs are visible. While the
    /// journal is replayed into the grains after a start, it is 503 with <c>status</c> <c>recovering</c>; <c>recovery</c>
    /// carries the replayed frame count, the replay's duration, the snapshot checkpoint and snapshot write counts.
    /// </summary>
    public static IEndpointRouteBuilder MapHealthEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/health/live", () => Results.Ok(new { status = "live" }));
        app.MapGet("/health/ready", (IHostApplicationLifetime lifetime, IMqttEdge broker, JournalHost journal,
            HistoryConsumer history, IngestMetrics metrics, RecoveryStatus recovery, SecurityMetrics security,
            EcgMetrics ecg) =>
        {
            var started = lifetime.ApplicationStarted.IsCancellationRequested;
            var stopping = lifetime.ApplicationStopping.IsCancellationRequested;
            var checks = new
            {
                silo = started && !stopping ? "up" : "down",
                journal = journal.IsOpen ? "up" : "down",
                broker = broker.IsRunning ? "up" : "down",
                history = history.Status().Degraded ? "degraded" : "up",
                recovery = recovery.Recovering ? "recovering" : "done",
            };
            var ready = started && !stopping && broker.IsRunning && journal.IsOpen && !recovery.Recovering;
            var status = recovery.Recovering && !stopping ? "recovering"
                : !ready ? "not-ready" : history.Status().Degraded ? "degraded" : "ready";
            return Results.Json(new
            {
                status,
                checks,
                ingest = metrics.Snapshot(),
                ecg = ecg.Snapshot(),
                journal = journal.IsOpen ? journal.Journal.GetStats() : null,
                history = history.Status(),
                recovery = recovery.Report(),
                security = new
                {
                    security.SignInFailures, security.SignInThrottled, accessRefused = security.Refused, security.RateLimited, security.AuditFailures,
                },
            }, statusCode: ready ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable);
        });
        return app;
    }
}
