using System.Diagnostics.Metrics;

namespace Emergency.Journal;

/// <summary>
/// Counters of one journal, as <c>System.Diagnostics.Metrics</c> instruments (meter <c>Emergency.Journal</c>) and as
/// plain fields for <see cref="JournalStats"/>. Without a meter factory the meter is created here and disposed with
/// the journal.
/// </summary>
internal sealed class JournalMetrics : IDisposable
{
    public const string MeterName = "Emergency.Journal";

    private const int RecentFsyncs = 1024;

    private readonly bool _ownsMeter;
    private readonly Counter<long> _recordsAppended;
    private readonly Counter<long> _bytesAppended;
    private readonly Counter<long> _fsyncs;
    private readonly Histogram<double> _fsyncDuration;
    private readonly Counter<long> _appendFailures;
    private readonly Counter<long> _truncatedTailBytes;
    private readonly Counter<long> _segmentsDeleted;
    private readonly Counter<long> _bytesDeleted;

    private readonly Lock _fsyncLock = new();
    private readonly double[] _recentFsyncMs = new double[RecentFsyncs];
    private int _recentCount;
    private int _recentNext;
    private double _lastFsyncMs;
    private double _maxFsyncMs;

    private long _records;
    private long _bytes;
    private long _fsyncCount;
    private long _failures;
    private long _truncatedTails;
    private long _truncatedBytes;
    private long _deletedSegments;
    private long _deletedBytes;
    private long _sizeBytes;
    private long _segmentCount;

    public JournalMetrics(IMeterFactory? meterFactory)
    {
        _ownsMeter = meterFactory is null;
        Meter = meterFactory?.Create(MeterName) ?? new Meter(MeterName);

        _recordsAppended = Meter.CreateCounter<long>("emergency.journal.records.appended", "{record}", "Records made durable.");
        _bytesAppended = Meter.CreateCounter<long>("emergency.journal.bytes.appended", "By", "Payload bytes made durable.");
        _fsyncs = Meter.CreateCounter<long>("emergency.journal.fsyncs", "{fsync}", "Segment fsyncs (one per group commit).");
        _fsyncDuration = Meter.CreateHistogram<double>("emergency.journal.fsync.duration", "ms", "Time one segment fsync took.");
        _appendFailures = Meter.CreateCounter<long>(
            "emergency.journal.append.failures", "{append}", "Appends that failed; their records were not acknowledged.");
        _truncatedTailBytes = Meter.CreateCounter<long>(
            "emergency.journal.truncated_tail.bytes", "By", "Bytes of a torn or corrupt tail cut off when the journal was opened.");
        _segmentsDeleted = Meter.CreateCounter<long>("emergency.journal.segments.deleted", "{segment}", "Segments removed by retention.");
        _bytesDeleted = Meter.CreateCounter<long>("emergency.journal.bytes.deleted", "By", "Bytes removed by retention.");
        Meter.CreateObservableGauge("emergency.journal.size", () => Volatile.Read(ref _sizeBytes), "By", "Bytes in all segment files.");
        Meter.CreateObservableGauge(
            "emergency.journal.durable_position", () => Writer?.LastDurablePosition ?? 0, "By", "End of the durable journal.");
        Meter.CreateObservableGauge(
            "emergency.journal.queue.length", () => Writer?.QueuedAppends ?? 0, "{append}", "Appends waiting for the writer.");
        Meter.CreateObservableGauge("emergency.journal.cursor.lag", ObserveCursorLag, "By", "How far each cursor is behind the durable end.");
    }

    public Meter Meter { get; }

    /// <summary>Set once the writer exists (the gauges read it).</summary>
    public JournalWriter? Writer { get; set; }

    /// <summary>Set once the cursor store exists (the lag gauge reads it).</summary>
    public JournalCursorStore? Cursors { get; set; }

    public long SizeBytes => Volatile.Read(ref _sizeBytes);

    public void Opened(long sizeBytes, int segmentCount)
    {
        Volatile.Write(ref _sizeBytes, sizeBytes);
        Volatile.Write(ref _segmentCount, segmentCount);
    }

    public void Appended(int records, long payloadBytes)
    {
        Interlocked.Add(ref _records, records);
        Interlocked.Add(ref _bytes, payloadBytes);
        _recordsAppended.Add(records);
        _bytesAppended.Add(payloadBytes);
    }

    public void Grew(long bytes) => Interlocked.Add(ref _sizeBytes, bytes);

    public void SegmentAdded() => Interlocked.Increment(ref _segmentCount);

    public void Fsynced(TimeSpan elapsed)
    {
        double ms = elapsed.TotalMilliseconds;
        Interlocked.Increment(ref _fsyncCount);
        _fsyncs.Add(1);
        _fsyncDuration.Record(ms);
        lock (_fsyncLock)
        {
            _lastFsyncMs = ms;
            _maxFsyncMs = Math.Max(_maxFsyncMs, ms);
            _recentFsyncMs[_recentNext] = ms;
            _recentNext = (_recentNext + 1) % RecentFsyncs;
            _recentCount = Math.Min(_recentCount + 1, RecentFsyncs);
        }
    }

    public void AppendFailed()
    {
        Interlocked.Increment(ref _failures);
        _appendFailures.Add(1);
    }

    public void TailTruncated(long bytes)
    {
        Interlocked.Increment(ref _truncatedTails);
        Interlocked.Add(ref _truncatedBytes, bytes);
        _truncatedTailBytes.Add(bytes);
    }

    public void SegmentDeleted(long bytes)
    {
        Interlocked.Increment(ref _deletedSegments);
        Interlocked.Add(ref _deletedBytes, bytes);
        Interlocked.Add(ref _sizeBytes, -bytes);
        Interlocked.Decrement(ref _segmentCount);
        _segmentsDeleted.Add(1);
        _bytesDeleted.Add(bytes);
    }

    public JournalStats Snapshot()
    {
        double last, max, p99;
        lock (_fsyncLock)
        {
            last = _lastFsyncMs;
            max = _maxFsyncMs;
            p99 = Percentile99();
        }

        long durable = Writer?.LastDurablePosition ?? 0;
        var lag = new Dictionary<string, long>(StringComparer.Ordinal);
        if (Cursors is { } cursors)
        {
            foreach (var (name, position) in cursors.GetAll())
            {
                lag[name] = Math.Max(0, durable - position);
            }
        }

        return new JournalStats
        {
            LastDurablePosition = durable,
            SizeBytes = Volatile.Read(ref _sizeBytes),
            SegmentCount = (int)Volatile.Read(ref _segmentCount),
            QueuedAppends = Writer?.QueuedAppends ?? 0,
            RecordsAppended = Volatile.Read(ref _records),
            BytesAppended = Volatile.Read(ref _bytes),
            AppendFailures = Volatile.Read(ref _failures),
            Fsyncs = Volatile.Read(ref _fsyncCount),
            LastFsyncMs = last,
            MaxFsyncMs = max,
            FsyncP99Ms = p99,
            TruncatedTails = Volatile.Read(ref _truncatedTails),
            TruncatedTailBytes = Volatile.Read(ref _truncatedBytes),
            SegmentsDeleted = Volatile.Read(ref _deletedSegments),
            BytesDeleted = Volatile.Read(ref _deletedBytes),
            CursorLagBytes = lag,
        };
    }

    public void Dispose()
    {
        if (_ownsMeter)
        {
            Meter.Dispose();
        }
    }

    private double Percentile99()
    {
        if (_recentCount == 0)
        {
            return 0;
        }

        var recent = _recentFsyncMs.AsSpan(0, _recentCount).ToArray();
        Array.Sort(recent);
        int index = (int)Math.Ceiling(0.99 * recent.Length) - 1;
        return recent[Math.Clamp(index, 0, recent.Length - 1)];
    }

    private IEnumerable<Measurement<long>> ObserveCursorLag()
    {
        if (Cursors is not { } cursors)
        {
            return [];
        }

        long durable = Writer?.LastDurablePosition ?? 0;
        return cursors.GetAll()
            .Select(c => new Measurement<long>(Math.Max(0, durable - c.Value), new KeyValuePair<string, object?>("cursor", c.Key)))
            .ToArray();
    }
}
