using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Emergency.Ingest.Ecg;

/// <summary>Deletes stored ECG older than <c>Ecg:RetentionHours</c>, every few minutes.</summary>
public sealed class EcgRetention(EcgStore store, IOptions<EcgOptions> options, TimeProvider time, ILogger<EcgRetention> logger) : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromMinutes(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, time);
        do
        {
            try
            {
                var cutoff = time.GetUtcNow() - TimeSpan.FromHours(options.Value.RetentionHours);
                var deleted = store.DeleteOlderThan(cutoff.ToUnixTimeMilliseconds());
                if (deleted > 0)
                {
                    logger.LogInformation("Deleted {Count} ECG block(s) older than {Cutoff:O}", deleted, cutoff);
                }
            }
            catch (Exception ex)
            {
                logger.LogError(ex, "ECG retention pass failed; retried in {Interval}", Interval);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }
}
