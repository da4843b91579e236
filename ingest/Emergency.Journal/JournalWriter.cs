using System.Buffers;
using System.Diagnostics;
using System.IO.Hashing;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Microsoft.Win32.SafeHandles;

namespace Emergency.Journal;

/// <summary>
/// Appends records to the journal with group commit: one background loop takes everything queued (up to
/// <see cref="JournalOptions.MaxBatchBytes"/>, waiting at most <see cref="JournalOptions.GroupCommitWindow"/> for more),
/// writes it to the active segment, fsyncs once and then completes every append of the batch. An append completes
/// only once its records are durable; if the write or fsync fails, the appends of that batch fail with the error and
/// the writer starts again from the last durable position for later appends.
/// </summary>
/// <remarks>
/// Records are written in queue order, so the records of a caller that awaits each append never reorder, and the
/// records of one <see cref="AppendBatchAsync"/> call are contiguous. A failed append may still have left records in
/// the journal when its batch spanned a segment roll (those records are durable and will be read); devices resend
/// what was not acknowledged, so consumers must tolerate duplicates anyway.
/// </remarks>
public sealed class JournalWriter : IAsyncDisposable
{
    // Batches are copied into this buffer and written in chunks of it; a larger record gets a pooled buffer of its own.
    private const int WriteBufferBytes = 512 * 1024;

    private readonly string _directory;
    private readonly long _segmentSize;
    private readonly TimeSpan _window;
    private readonly int _maxBatchBytes;
    private readonly bool _fsync;
    private readonly ILogger _logger;
    private readonly JournalMetrics _metrics;
    private readonly JournalDirectoryLock _directoryLock;
    private readonly Channel<PendingAppend> _queue;
    private readonly List<PendingAppend> _batch = [];
    private readonly Crc32 _crc = new();
    private readonly byte[] _buffer = new byte[WriteBufferBytes];
    private readonly Task _loop;

    // Writer loop state. _written counts bytes of the active segment handed to the file, _synced those fsynced.
    private SafeFileHandle? _file;
    private long _segmentBase;
    private long _written;
    private long _synced;
    private int _buffered;
    private bool _needsRepair;

    private long _lastDurable;
    private TaskCompletionSource _durableAdvanced = NewSignal();
    private int _disposed;
    private volatile bool _stopped;

    private JournalWriter(
        JournalOptions options, JournalDirectoryLock directoryLock, SafeFileHandle file, long segmentBase, long length,
        ILogger logger, JournalMetrics metrics)
    {
        _directory = options.Directory;
        _segmentSize = options.SegmentSizeBytes;
        _window = options.GroupCommitWindow;
        _maxBatchBytes = options.MaxBatchBytes;
        _fsync = options.FsyncEnabled;
        _logger = logger;
        _metrics = metrics;
        _directoryLock = directoryLock;
        _file = file;
        _segmentBase = segmentBase;
        _written = _synced = length;
        _lastDurable = segmentBase + length;
        _queue = Channel.CreateBounded<PendingAppend>(new BoundedChannelOptions(options.QueueCapacity)
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
        _loop = Task.Run(RunAsync);
    }

    /// <summary>
    /// The end of the durable journal: every record whose position is below this is written and fsynced, and it is
    /// the position the next record will get. Only grows.
    /// </summary>
    public long LastDurablePosition => Volatile.Read(ref _lastDurable);

    /// <summary>Appends waiting for the writer loop.</summary>
    public int QueuedAppends => _queue.Reader.Count;

    /// <summary>The folder of the journal.</summary>
    public string Directory => _directory;

    /// <summary>Base position of the segment being appended to (retention never deletes it).</summary>
    internal long ActiveSegmentBase => Volatile.Read(ref _segmentBase);

    /// <summary>Test hook: called at "write", "fsync" and "roll"; an exception it returns is thrown there.</summary>
    internal Func<string, Exception?>? FaultInjection { get; set; }

    /// <summary>
    /// Appends one record and completes with its position once it is durable.
    /// </summary>
    /// <param name="payload">The record; opaque to the journal. It is read until the returned task completes, so it
    /// must not be changed before then.</param>
    /// <param name="cancellationToken">Cancels waiting for room in a full queue. Once queued, the append is no longer
    /// cancellable: it completes when durable or fails with the write error.</param>
    /// <exception cref="ArgumentException">The payload is larger than <see cref="JournalFormat.MaxPayloadBytes"/>.</exception>
    /// <exception cref="ObjectDisposedException">The writer is being disposed.</exception>
    public ValueTask<long> AppendAsync(ReadOnlyMemory<byte> payload, CancellationToken cancellationToken = default)
    {
        CheckSize(payload, nameof(payload));
        return EnqueueAsync(new PendingAppend(payload), cancellationToken);
    }

    /// <summary>
    /// Appends records back to back and completes with the position of the first once all of them are durable (each
    /// next record starts at the previous record's <see cref="JournalRecord.NextPosition"/>). An empty list completes
    /// at once with <see cref="LastDurablePosition"/>.
    /// </summary>
    /// <exception cref="ArgumentException">A payload is larger than <see cref="JournalFormat.MaxPayloadBytes"/>; nothing is appended.</exception>
    public ValueTask<long> AppendBatchAsync(
        IReadOnlyList<ReadOnlyMemory<byte>> payloads, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(payloads);
        if (payloads.Count == 0)
        {
            ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
            return new ValueTask<long>(LastDurablePosition);
        }

        // A copy of the list, so that the caller may reuse its list; the payload memory itself is not copied.
        var copy = new ReadOnlyMemory<byte>[payloads.Count];
        long bytes = 0;
        for (int i = 0; i < copy.Length; i++)
        {
            copy[i] = payloads[i];
            CheckSize(copy[i], nameof(payloads));
            bytes += copy[i].Length;
        }

        return EnqueueAsync(new PendingAppend(copy, bytes), cancellationToken);
    }

    /// <summary>
    /// Completes, with the new <see cref="LastDurablePosition"/>, once that is greater than
    /// <paramref name="afterPosition"/>, i.e. once a record at or after that position is durable. Pass a reader's next
    /// position to wait for the record it would read next.
    /// </summary>
    /// <exception cref="ObjectDisposedException">The writer was disposed before that happened.</exception>
    public async Task<long> WaitForAppendAsync(long afterPosition, CancellationToken cancellationToken = default)
    {
        while (true)
        {
            // The signal is read before the position: a position published after this read completes this signal.
            var signal = Volatile.Read(ref _durableAdvanced);
            long durable = LastDurablePosition;
            if (durable > afterPosition)
            {
                return durable;
            }

            ObjectDisposedException.ThrowIf(_stopped, this);
            await signal.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Stops taking appends, writes and fsyncs everything already queued (completing those appends as usual) and
    /// closes the segment. Appends started afterwards fail with <see cref="ObjectDisposedException"/>.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _queue.Writer.TryComplete();
        }

        await _loop.ConfigureAwait(false);
        _directoryLock.Dispose();
    }

    /// <summary>
    /// Opens the journal in <paramref name="options"/>' directory for appending: takes the directory lock, creates
    /// the first segment if there is none, and cuts a torn or corrupt tail off the last segment.
    /// </summary>
    internal static JournalWriter Open(JournalOptions options, ILogger logger, JournalMetrics metrics)
    {
        string directory = options.Directory;
        if (!System.IO.Directory.Exists(directory))
        {
            System.IO.Directory.CreateDirectory(directory);
            if (options.FsyncEnabled && Path.GetDirectoryName(Path.GetFullPath(directory).TrimEnd(Path.DirectorySeparatorChar)) is { } parent)
            {
                DirectorySync.Flush(parent);
            }
        }

        var directoryLock = JournalDirectoryLock.Acquire(directory);
        SafeFileHandle? file = null;
        try
        {
            var segments = SegmentFiles.List(directory);
            for (int i = 0; i + 1 < segments.Count; i++)
            {
                if (segments[i].BasePosition + segments[i].Length != segments[i + 1].BasePosition)
                {
                    JournalLog.SegmentGap(
                        logger, segments[i].Path, segments[i].BasePosition + segments[i].Length, segments[i + 1].BasePosition);
                }
            }

            long segmentBase;
            long length;
            long totalBytes = segments.Sum(s => s.Length);
            if (segments.Count == 0)
            {
                segmentBase = 0;
                length = 0;
                file = CreateSegment(directory, segmentBase, options.FsyncEnabled);
                segments.Add(new SegmentInfo(0, SegmentFiles.PathFor(directory, 0), 0, DateTime.UtcNow));
            }
            else
            {
                var last = segments[^1];
                segmentBase = last.BasePosition;
                file = File.OpenHandle(last.Path, FileMode.Open, FileAccess.ReadWrite, FileShare.Read | FileShare.Delete);
                length = TailRecovery.Repair(file, last, directory, options.FsyncEnabled, logger, metrics);
                totalBytes -= last.Length - length;
            }

            metrics.Opened(totalBytes, segments.Count);
            JournalLog.Opened(logger, directory, segments.Count, segmentBase + length);
            var writer = new JournalWriter(options, directoryLock, file, segmentBase, length, logger, metrics);
            metrics.Writer = writer;
            return writer;
        }
        catch
        {
            file?.Dispose();
            directoryLock.Dispose();
            throw;
        }
    }

    private static SafeFileHandle CreateSegment(string directory, long basePosition, bool fsync)
    {
        string path = SegmentFiles.PathFor(directory, basePosition);
        // Create, not CreateNew: a file at this position can only be left over from a roll that failed, since no
        // durable record lies at or beyond it.
        var handle = File.OpenHandle(path, FileMode.Create, FileAccess.ReadWrite, FileShare.Read | FileShare.Delete);
        try
        {
            if (fsync)
            {
                DirectorySync.Flush(directory);
            }

            return handle;
        }
        catch
        {
            handle.Dispose();
            try
            {
                File.Delete(path);
            }
            catch (IOException)
            {
                // Harmless: the next roll recreates it.
            }

            throw;
        }
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private static void CheckSize(ReadOnlyMemory<byte> payload, string parameter)
    {
        if (payload.Length > JournalFormat.MaxPayloadBytes)
        {
            throw new ArgumentException(
                $"A journal record holds at most {JournalFormat.MaxPayloadBytes} bytes; this one has {payload.Length}.", parameter);
        }
    }

    private ValueTask<long> EnqueueAsync(PendingAppend append, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        return _queue.Writer.TryWrite(append)
            ? new ValueTask<long>(append.Completion.Task)
            : EnqueueSlowAsync(append, cancellationToken);
    }

    private async ValueTask<long> EnqueueSlowAsync(PendingAppend append, CancellationToken cancellationToken)
    {
        try
        {
            await _queue.Writer.WriteAsync(append, cancellationToken).ConfigureAwait(false);
        }
        catch (ChannelClosedException ex)
        {
            throw Volatile.Read(ref _disposed) != 0
                ? new ObjectDisposedException(nameof(JournalWriter))
                : new InvalidOperationException("The journal writer has stopped after an unexpected error.", ex.InnerException);
        }

        return await append.Completion.Task.ConfigureAwait(false);
    }

    private async Task RunAsync()
    {
        var reader = _queue.Reader;
        try
        {
            while (await reader.WaitToReadAsync().ConfigureAwait(false))
            {
                long bytes = Drain(0);
                if (_window > TimeSpan.Zero && bytes < _maxBatchBytes)
                {
                    await GatherAsync(bytes).ConfigureAwait(false);
                }

                WriteBatch();
                _batch.Clear();
            }
        }
        catch (Exception ex)
        {
            // Not an I/O error (those fail their batch and the loop goes on) but a defect: nothing more can be
            // written, so fail everything waiting rather than let a caller wait forever.
            JournalLog.WriterStopped(_logger, ex);
            _queue.Writer.TryComplete(ex);
            foreach (var append in _batch)
            {
                append.Completion.TrySetException(ex);
            }

            while (reader.TryRead(out var append))
            {
                append.Completion.TrySetException(ex);
            }
        }
        finally
        {
            _file?.Dispose();
            _file = null;
            _stopped = true;
            Interlocked.Exchange(ref _durableAdvanced, NewSignal()).TrySetResult();
        }
    }

    private long Drain(long bytes)
    {
        while (bytes < _maxBatchBytes && _queue.Reader.TryRead(out var append))
        {
            _batch.Add(append);
            bytes += append.RecordBytes;
        }

        return bytes;
    }

    /// <summary>Waits up to the group commit window for more appends to share the fsync.</summary>
    private async Task GatherAsync(long bytes)
    {
        // Real elapsed time, whatever clock the host injects elsewhere: a fake clock must not stall appends.
        using var window = new CancellationTokenSource(_window);
        while (bytes < _maxBatchBytes)
        {
            try
            {
                if (!await _queue.Reader.WaitToReadAsync(window.Token).ConfigureAwait(false))
                {
                    return;
                }
            }
            catch (OperationCanceledException)
            {
                return;
            }

            bytes = Drain(bytes);
        }
    }

    /// <summary>Writes and fsyncs the batch and completes its appends; never throws (failures go to the appends).</summary>
    private void WriteBatch()
    {
        int completed = 0;
        try
        {
            RepairIfNeeded();
            for (int i = 0; i < _batch.Count; i++)
            {
                var append = _batch[i];
                for (int r = 0; r < append.Count; r++)
                {
                    var payload = append[r].Span;
                    long recordBytes = JournalFormat.RecordBytes(payload.Length);
                    if (_written > 0 && _written + recordBytes > _segmentSize)
                    {
                        Commit(completed, i);
                        completed = i;
                        Roll();
                    }

                    if (r == 0)
                    {
                        append.FirstPosition = _segmentBase + _written;
                    }

                    Add(payload);
                }
            }

            Commit(completed, _batch.Count);
        }
        catch (Exception ex)
        {
            Fail(completed, ex);
        }
    }

    /// <summary>Makes everything written so far durable, then completes appends [from, to).</summary>
    private void Commit(int from, int to)
    {
        Flush();
        if (_written > _synced)
        {
            if (_fsync)
            {
                Inject("fsync");
                long started = Stopwatch.GetTimestamp();
                RandomAccess.FlushToDisk(_file!);
                _metrics.Fsynced(Stopwatch.GetElapsedTime(started));
            }

            _metrics.Grew(_written - _synced);
            _synced = _written;
            Volatile.Write(ref _lastDurable, _segmentBase + _synced);
            Interlocked.Exchange(ref _durableAdvanced, NewSignal()).TrySetResult();
        }

        for (int i = from; i < to; i++)
        {
            var append = _batch[i];
            _metrics.Appended(append.Count, append.PayloadBytes);
            append.Completion.TrySetResult(append.FirstPosition);
        }
    }

    private void Add(ReadOnlySpan<byte> payload)
    {
        int recordBytes = JournalFormat.HeaderBytes + payload.Length;
        long position = _segmentBase + _written;
        if (_buffered + recordBytes > _buffer.Length)
        {
            Flush();
        }

        if (recordBytes <= _buffer.Length)
        {
            JournalFormat.Encode(_buffer.AsSpan(_buffered, recordBytes), position, payload, _crc);
            _buffered += recordBytes;
        }
        else
        {
            byte[] large = ArrayPool<byte>.Shared.Rent(recordBytes);
            try
            {
                JournalFormat.Encode(large.AsSpan(0, recordBytes), position, payload, _crc);
                Inject("write");
                RandomAccess.Write(_file!, large.AsSpan(0, recordBytes), _written);
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(large);
            }
        }

        _written += recordBytes;
    }

    /// <summary>Hands the buffered records (file offsets [_written − _buffered, _written)) to the file.</summary>
    private void Flush()
    {
        if (_buffered == 0)
        {
            return;
        }

        Inject("write");
        RandomAccess.Write(_file!, _buffer.AsSpan(0, _buffered), _written - _buffered);
        _buffered = 0;
    }

    /// <summary>Starts the next segment at the current end. The current one has just been fsynced completely.</summary>
    private void Roll()
    {
        Inject("roll");
        long next = _segmentBase + _written;
        var file = CreateSegment(_directory, next, _fsync);
        _file!.Dispose();
        _file = file;
        Volatile.Write(ref _segmentBase, next);
        _written = _synced = 0;
        _metrics.SegmentAdded();
        JournalLog.Rolled(_logger, SegmentFiles.PathFor(_directory, next));
    }

    private void Fail(int from, Exception exception)
    {
        int records = 0;
        for (int i = from; i < _batch.Count; i++)
        {
            records += _batch[i].Count;
            _metrics.AppendFailed();
            _batch[i].Completion.TrySetException(exception);
        }

        // Whatever reached the file past the durable end is cut off before the next write (RepairIfNeeded).
        _buffered = 0;
        _written = _synced;
        _needsRepair = true;
        JournalLog.WriteFailed(_logger, exception, _batch.Count - from, records, _segmentBase + _synced);
    }

    /// <summary>
    /// After a failure: reopens the active segment and cuts it back to its durable length, so that nothing a failed
    /// batch left behind can be mistaken for records. If this fails too, the batch fails and the next one retries.
    /// </summary>
    private void RepairIfNeeded()
    {
        if (!_needsRepair)
        {
            return;
        }

        _file?.Dispose();
        _file = null;
        string path = SegmentFiles.PathFor(_directory, _segmentBase);
        _file = File.OpenHandle(path, FileMode.Open, FileAccess.ReadWrite, FileShare.Read | FileShare.Delete);
        RandomAccess.SetLength(_file, _synced);
        if (_fsync)
        {
            RandomAccess.FlushToDisk(_file);
        }

        _needsRepair = false;
        JournalLog.Repaired(_logger, path, _synced);
    }

    private void Inject(string point)
    {
        if (FaultInjection?.Invoke(point) is { } exception)
        {
            throw exception;
        }
    }
}
