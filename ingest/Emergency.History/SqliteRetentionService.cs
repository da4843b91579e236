using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Emergency.History;

/// <summary>
/// Deletes points older than <see cref="SqliteHistoryOptions.Retention"/> from a <see cref="SqliteHistoryStore"/>: once
/// at start, then every <see cref="SqliteHistoryOptions.RetentionInterval"/>. A failed pass is logged and tried again
/// at the next interval. (InfluxDB expires data by itself: give its database a retention policy.)
/// </summary>
public sealed class SqliteRetentionService : BackgroundService
{
    private readonly SqliteHistoryStore _store;
    private readonly TimeSpan _retention;
    private readonly TimeSpan _interval;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private long _passes;

    public SqliteRetentionService(
        SqliteHistoryStore store,
        SqliteHistoryOptions options,
        TimeProvider? timeProvider = null,
        ILogger<SqliteRetentionService>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _store = store;
        _retention = options.Retention ?? throw new ArgumentException("SqliteHistoryOptions.Retention is not set.", nameof(options));
        _interval = options.RetentionInterval;
        _time = timeProvider ?? TimeProvider.System;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
    }

    /// <summary>Completed passes (for health checks and tests).</summary>
    public long Passes => Interlocked.Read(ref _passes);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(_interval, _time);
        do
        {
            try
            {
                await _store.DeleteOlderThanAsync(_time.GetUtcNow() - _retention, stoppingToken).ConfigureAwait(false);
                Interlocked.Increment(ref _passes);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                _logger.LogError(ex, "Deleting expired vitals history failed; trying again in {Interval}", _interval);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }
}
