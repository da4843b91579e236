using System.Diagnostics.Metrics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Emergency.Journal;

/// <summary>
/// One open journal: its writer, cursor store and retention, readers on demand, and its metrics. Retention runs every
/// <see cref="JournalOptions.RetentionCheckInterval"/> in the background (unless zero).
/// </summary>
public sealed class IngestJournal : IAsyncDisposable
{
    private readonly JournalMetrics _metrics;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _retentionLoop;
    private int _disposed;

    private IngestJournal(
        JournalOptions options, JournalWriter writer, JournalCursorStore cursors, JournalRetention retention,
        JournalMetrics metrics, TimeProvider timeProvider, ILogger logger)
    {
        Options = options;
        Writer = writer;
        Cursors = cursors;
        Retention = retention;
        _metrics = metrics;
        _logger = logger;
        _retentionLoop = options.RetentionCheckInterval > TimeSpan.Zero
            ? RunRetentionLoopAsync(options.RetentionCheckInterval, timeProvider)
            : Task.CompletedTask;
    }

    /// <summary>A copy of the options the journal was opened with.</summary>
    public JournalOptions Options { get; }

    public JournalWriter Writer { get; }

    public JournalCursorStore Cursors { get; }

    public JournalRetention Retention { get; }

    /// <summary>The meter the instruments are on (named <c>Emergency.Journal</c>).</summary>
    public Meter Meter => _metrics.Meter;

    /// <summary>
    /// Opens (or creates) the journal in <see cref="JournalOptions.Directory"/>: takes the directory lock, cuts a torn
    /// tail off the last segment (logged, counted in <see cref="JournalStats.TruncatedTailBytes"/>) and loads the cursors.
    /// </summary>
    /// <param name="options">Copied; later changes have no effect.</param>
    /// <param name="loggerFactory">For the category <c>Emergency.Journal</c>; null logs nothing.</param>
    /// <param name="meterFactory">Creates the <c>Emergency.Journal</c> meter; null makes a private one.</param>
    /// <param name="timeProvider">Clock of retention (segment ages and the retention timer); group commit always
    /// uses real time.</param>
    /// <param name="cancellationToken">Cancels opening before it starts.</param>
    /// <exception cref="IOException">The directory is locked by another open journal, or cannot be used.</exception>
    public static async ValueTask<IngestJournal> OpenAsync(
        JournalOptions options, ILoggerFactory? loggerFactory = null, IMeterFactory? meterFactory = null,
        TimeProvider? timeProvider = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var settings = options.Clone();
        settings.Validate();
        var time = timeProvider ?? TimeProvider.System;
        var logger = loggerFactory?.CreateLogger("Emergency.Journal") ?? NullLogger.Instance;

        // Recovery reads the last segment: keep that off the caller's thread.
        return await Task.Run(
            () =>
            {
                var metrics = new JournalMetrics(meterFactory);
                try
                {
                    var writer = JournalWriter.Open(settings, logger, metrics);
                    var cursors = JournalCursorStore.Open(settings.Directory, logger, settings.FsyncEnabled);
                    metrics.Cursors = cursors;
                    var retention = new JournalRetention(settings, writer, cursors, metrics, time, logger);
                    return new IngestJournal(settings, writer, cursors, retention, metrics, time, logger);
                }
                catch
                {
                    metrics.Dispose();
                    throw;
                }
            },
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Appends one record; see <see cref="JournalWriter.AppendAsync"/>.</summary>
    public ValueTask<long> AppendAsync(ReadOnlyMemory<byte> payload, CancellationToken cancellationToken = default) =>
        Writer.AppendAsync(payload, cancellationToken);

    /// <summary>A new reader of the durable records, for one consumer (dispose it when done).</summary>
    public JournalReader CreateReader() => new(Writer);

    /// <summary>Runs retention now; see <see cref="JournalRetention"/>.</summary>
    public RetentionResult RunRetention() => Retention.Run();

    public JournalStats GetStats() => _metrics.Snapshot();

    /// <summary>Stops retention, drains and closes the writer (queued appends are still written), releases the lock.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _stopping.CancelAsync().ConfigureAwait(false);
        await _retentionLoop.ConfigureAwait(false);
        await Writer.DisposeAsync().ConfigureAwait(false);
        _metrics.Dispose();
        _stopping.Dispose();
    }

    private async Task RunRetentionLoopAsync(TimeSpan interval, TimeProvider timeProvider)
    {
        using var timer = new PeriodicTimer(interval, timeProvider);
        try
        {
            while (await timer.WaitForNextTickAsync(_stopping.Token).ConfigureAwait(false))
            {
                try
                {
                    Retention.Run();
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    // The next tick tries again; only disk usage suffers meanwhile.
                    JournalLog.RetentionFailed(_logger, ex);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Disposed.
        }
    }
}
