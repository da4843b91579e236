using System.Diagnostics.Metrics;
using Emergency.Domain.Vitals;
using Emergency.History;
using Emergency.Ingest.Decoding;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Emergency.Ingest.Journaling;

/// <summary>
/// Feeds the vitals history from the ingest journal with its own persisted cursor (<c>history</c>). While the store
/// is down it retries with backoff and the cursor simply waits: nothing is dropped, the lag is visible. Writes are
/// idempotent (device timestamps), so records re-read after a crash do no harm.
/// </summary>
public sealed class HistoryConsumer : BackgroundService
{
    public const string CursorName = "history";

    private readonly JournalHost _journal;
    private readonly IVitalsHistory _history;
    private readonly HistoryConsumerOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<HistoryConsumer> _logger;
    private long _writeStartedTimestamp; // 0 when no write is under way
    private long _pointsWritten;
    private long _failures;
    private long _skipped;

    public HistoryConsumer(JournalHost journal, IVitalsHistory history, IOptions<HistoryConsumerOptions> options,
        IMeterFactory meterFactory, TimeProvider time, ILogger<HistoryConsumer> logger)
    {
        _journal = journal;
        _history = history;
        _options = options.Value;
        _time = time;
        _logger = logger;
        var meter = meterFactory.Create("Emergency.Ingest.History");
        meter.CreateObservableCounter("emergency.history.consumer.points_written", () => Volatile.Read(ref _pointsWritten));
        meter.CreateObservableCounter("emergency.history.consumer.failures", () => Volatile.Read(ref _failures));
        meter.CreateObservableGauge("emergency.history.consumer.lag_bytes", () => LagBytes);
    }

    /// <summary>Journal bytes not yet in the history store.</summary>
    public long LagBytes => _journal.IsOpen ? Math.Max(0, _journal.Journal.Writer.LastDurablePosition - Position) : 0;

    /// <summary>The next journal position to write.</summary>
    public long Position { get; private set; }

    /// <summary>The last write failure while it is still failing; null once a write succeeds.</summary>
    public string? LastError { get; private set; }

    public HistoryConsumerStatus Status()
    {
        var started = Volatile.Read(ref _writeStartedTimestamp);
        var writing = started == 0 ? TimeSpan.Zero : _time.GetElapsedTime(started);
        var degraded = LastError is not null || LagBytes > _options.DegradedLagBytes || writing > _options.DegradedWriteTime;
        return new(Position, LagBytes, Volatile.Read(ref _pointsWritten), Volatile.Read(ref _failures),
            Volatile.Read(ref _skipped), LastError, degraded, Math.Round(writing.TotalSeconds, 1));
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var journal = _journal.Journal;
        await journal.Cursors.RegisterAsync(CursorName, stoppingToken);
        Position = journal.Cursors.Get(CursorName);
        using var reader = journal.CreateReader();
        var delay = _options.RetryDelay;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                var batch = await reader.ReadBatchAsync(Position, _options.BatchSize, stoppingToken);
                if (batch.Records.Count == 0)
                {
                    await reader.WaitForAppendAsync(Position, stoppingToken);
                    continue;
                }
                var points = ToPoints(batch.Records);
                while (true)
                {
                    try
                    {
                        if (points.Count > 0)
                        {
                            Volatile.Write(ref _writeStartedTimestamp, _time.GetTimestamp());
                            await _history.WriteAsync(points, stoppingToken);
                        }
                        break;
                    }
                    catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
                    {
                        Interlocked.Increment(ref _failures);
                        LastError = ex.Message;
                        _logger.LogWarning("History write of {Count} points failed, retrying in {Delay} (lag {Lag} bytes): {Error}",
                            points.Count, delay, LagBytes, ex.Message);
                        await Task.Delay(delay, stoppingToken);
                        delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, _options.MaxRetryDelay.Ticks));
                    }
                }
                Volatile.Write(ref _writeStartedTimestamp, 0);
                delay = _options.RetryDelay;
                LastError = null;
                Interlocked.Add(ref _pointsWritten, points.Count);
                await journal.Cursors.CommitAsync(CursorName, batch.NextPosition, stoppingToken);
                Position = batch.NextPosition;
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private List<VitalsPoint> ToPoints(IReadOnlyList<Emergency.Journal.JournalRecord> records)
    {
        var points = new List<VitalsPoint>(records.Count);
        foreach (var record in records)
        {
            var frame = FrameRecord.Decode(record.Payload);
            if (frame.Channel != TopicChannel.Vitals)
            {
                continue; // positions, statuses and contexts: not vitals history
            }
            string? error = null;
            if (frame.PatientId is null
                || !VitalsFrameDecoder.TryDecode(new System.Buffers.ReadOnlySequence<byte>(frame.Payload), out var vitals, out error, int.MaxValue))
            {
                // Cannot happen for records ingest wrote; counted and logged rather than stopping history for good.
                Interlocked.Increment(ref _skipped);
                _logger.LogError("Journal record at {Position} from {Device} cannot become a history point: {Error}",
                    record.Position, frame.DeviceId, error ?? "no patient");
                continue;
            }
            points.Add(new VitalsPoint(frame.Region, frame.PatientId, frame.Kind, frame.DeviceId, frame.Seq, vitals.Timestamp, vitals.Vitals));
        }
        return points;
    }
}

public sealed record HistoryConsumerStatus(
    long Position, long LagBytes, long PointsWritten, long Failures, long Skipped, string? LastError, bool Degraded,
    double WriteUnderWaySeconds);
