using System.Runtime.CompilerServices;

namespace Emergency.Journal;

/// <summary>
/// Reads records from a position on, across segments, verifying every checksum. One reader per consumer; not
/// thread-safe. Reads are plain synchronous file reads (mostly from the page cache), so call it from a background
/// consumer, not a latency-sensitive thread.
/// </summary>
/// <remarks>
/// <para>A reader made from a <see cref="JournalWriter"/> (<see cref="IngestJournal.CreateReader"/>) returns only
/// durable records, below <see cref="JournalWriter.LastDurablePosition"/>, and can wait for more
/// (<see cref="FollowAsync"/>). Any damaged record below that end is reported with a
/// <see cref="JournalCorruptionException"/>.</para>
/// <para>A reader made from a directory alone reads a journal that is closed (tools, checks): it reads what the files
/// hold and stops quietly at an incomplete or damaged record at the end of the newest segment, which is what a torn
/// write looks like (the writer cuts it off when it next opens the journal). Damage in any older segment is reported.
/// On a journal open in another process it may return records that are not durable yet.</para>
/// <para>Position 0 means "from the oldest record still kept". Any other position must be the start of a record
/// (a <see cref="JournalRecord.Position"/> or <see cref="JournalRecord.NextPosition"/>); a position inside a record
/// fails its checksum and is reported as corruption, and a position that retention has already deleted throws
/// <see cref="ArgumentOutOfRangeException"/>.</para>
/// </remarks>
public sealed class JournalReader : IDisposable
{
    private const int StreamBatchRecords = 512;

    private readonly string _directory;
    private readonly JournalWriter? _writer;
    private List<SegmentInfo> _segments = [];
    private SegmentReader? _open;
    private bool _disposed;

    /// <summary>A reader of the durable records of <paramref name="writer"/>'s journal.</summary>
    public JournalReader(JournalWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        _writer = writer;
        _directory = writer.Directory;
    }

    /// <summary>A reader of the journal files in <paramref name="directory"/> (see remarks).</summary>
    public JournalReader(string directory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        _directory = directory;
    }

    /// <summary>Position of the oldest record still in the journal.</summary>
    public long FirstPosition
    {
        get
        {
            Refresh();
            return _segments.Count > 0 ? _segments[0].BasePosition : 0;
        }
    }

    /// <summary>
    /// Reads up to <paramref name="maxRecords"/> records from <paramref name="fromPosition"/> on; fewer (or none)
    /// when the durable end is reached. Does not wait for new records.
    /// </summary>
    /// <exception cref="JournalCorruptionException">A damaged record (see remarks of the class).</exception>
    /// <exception cref="ArgumentOutOfRangeException">The position was deleted by retention.</exception>
    public ValueTask<JournalBatch> ReadBatchAsync(long fromPosition, int maxRecords, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(fromPosition);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxRecords);
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (cancellationToken.IsCancellationRequested)
        {
            return ValueTask.FromCanceled<JournalBatch>(cancellationToken);
        }

        try
        {
            return new ValueTask<JournalBatch>(ReadBatch(fromPosition, maxRecords));
        }
        catch (Exception ex)
        {
            return ValueTask.FromException<JournalBatch>(ex);
        }
    }

    /// <summary>The records from <paramref name="fromPosition"/> up to the durable end as it moves; ends once caught up.</summary>
    public async IAsyncEnumerable<JournalRecord> ReadAllAsync(
        long fromPosition, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        long position = fromPosition;
        while (true)
        {
            var batch = await ReadBatchAsync(position, StreamBatchRecords, cancellationToken).ConfigureAwait(false);
            if (batch.Records.Count == 0)
            {
                yield break;
            }

            foreach (var record in batch.Records)
            {
                yield return record;
            }

            position = batch.NextPosition;
        }
    }

    /// <summary>
    /// The records from <paramref name="fromPosition"/> on, waiting for new ones as they become durable (no polling).
    /// Ends only through <paramref name="cancellationToken"/> (or <see cref="ObjectDisposedException"/> when the
    /// writer is disposed). Needs a reader made from a writer.
    /// </summary>
    public async IAsyncEnumerable<JournalRecord> FollowAsync(
        long fromPosition, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var writer = _writer ?? throw new InvalidOperationException("Following needs a reader made from the journal's writer.");
        long position = fromPosition;
        while (true)
        {
            var batch = await ReadBatchAsync(position, StreamBatchRecords, cancellationToken).ConfigureAwait(false);
            foreach (var record in batch.Records)
            {
                yield return record;
            }

            position = batch.NextPosition;
            if (batch.Records.Count == 0)
            {
                await writer.WaitForAppendAsync(position, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>
    /// Completes once a record at or after <paramref name="position"/> is durable (see
    /// <see cref="JournalWriter.WaitForAppendAsync"/>). Needs a reader made from a writer.
    /// </summary>
    public Task<long> WaitForAppendAsync(long position, CancellationToken cancellationToken = default) =>
        (_writer ?? throw new InvalidOperationException("Waiting needs a reader made from the journal's writer."))
        .WaitForAppendAsync(position, cancellationToken);

    public void Dispose()
    {
        _disposed = true;
        _open?.Dispose();
        _open = null;
    }

    private static string Describe(RecordStatus status) => status switch
    {
        RecordStatus.Incomplete => "record cut short (incomplete header or payload)",
        RecordStatus.BadLength => "length field out of range",
        _ => "checksum mismatch (damaged bytes, or a position that is not the start of a record)",
    };

    private static JournalCorruptionException Corruption(SegmentReader segment, long position, string reason, long segmentEnd) =>
        new(segment.Path, position, position - segment.BasePosition, reason, segmentEnd == long.MaxValue ? null : segmentEnd);

    private static ArgumentOutOfRangeException Deleted(long position, long first) =>
        new("fromPosition", position,
            $"Position {position} is no longer in the journal: retention deleted it (the oldest record kept is at {first}). "
            + "A consumer that must not miss records has to hold a cursor.");

    private JournalBatch ReadBatch(long fromPosition, int maxRecords)
    {
        long end = _writer?.LastDurablePosition ?? long.MaxValue;
        long position = ResolveStart(fromPosition);
        var records = new List<JournalRecord>(Math.Min(maxRecords, StreamBatchRecords));
        while (records.Count < maxRecords && position < end)
        {
            if (!TryOpenSegmentFor(position, out int index))
            {
                break;
            }

            var segment = _open!;
            long segmentEnd = index + 1 < _segments.Count ? _segments[index + 1].BasePosition : long.MaxValue;
            long offset = position - segment.BasePosition;
            long limit = Math.Min(segmentEnd, end) - segment.BasePosition;
            var status = segment.TryRead(offset, limit, out var payload);
            if (status == RecordStatus.Ok)
            {
                records.Add(new JournalRecord(position, payload.ToArray()));
                position += JournalFormat.RecordBytes(payload.Length);
                continue;
            }

            JournalCorruptionException damage;
            if (status == RecordStatus.End)
            {
                if (position == segmentEnd || position >= end)
                {
                    continue; // on to the next segment, or done
                }

                if (segmentEnd == long.MaxValue)
                {
                    // The end of the newest segment known: the writer may have started another since the listing.
                    Refresh();
                    if (_segments.Count > 0 && _segments[^1].BasePosition > segment.BasePosition)
                    {
                        continue;
                    }

                    if (_writer is null)
                    {
                        break;
                    }

                    damage = Corruption(segment, position, $"the journal is durable up to position {end} but the segment ends here", segmentEnd);
                }
                else
                {
                    damage = Corruption(segment, position, $"the segment ends before position {segmentEnd}, where the next one starts", segmentEnd);
                }
            }
            else if (_writer is null && segmentEnd == long.MaxValue)
            {
                break; // the unfinished or torn end of the newest segment of a closed journal
            }
            else
            {
                damage = Corruption(segment, position, Describe(status), segmentEnd);
            }

            // The good records before the damage are delivered first, so a consumer can commit up to it; the next
            // call starts at the damage and throws.
            if (records.Count > 0)
            {
                break;
            }

            throw damage;
        }

        return new JournalBatch(records, position);
    }

    /// <summary>Position 0 stands for the oldest record kept; other positions before it were deleted.</summary>
    private long ResolveStart(long position)
    {
        if (_segments.Count == 0 || position <= _segments[0].BasePosition)
        {
            Refresh();
        }

        if (_segments.Count == 0 || position >= _segments[0].BasePosition)
        {
            return position;
        }

        return position == 0 ? _segments[0].BasePosition : throw Deleted(position, _segments[0].BasePosition);
    }

    /// <summary>Opens (or keeps) the segment holding <paramref name="position"/>; false when there are no segments.</summary>
    private bool TryOpenSegmentFor(long position, out int index)
    {
        for (int attempt = 0; ; attempt++)
        {
            if (_segments.Count == 0)
            {
                Refresh();
            }

            index = IndexFor(position);
            if (index < 0)
            {
                return _segments.Count == 0 ? false : throw Deleted(position, _segments[0].BasePosition);
            }

            var segment = _segments[index];
            if (_open is { } open && open.BasePosition == segment.BasePosition)
            {
                return true;
            }

            _open?.Dispose();
            _open = null;
            try
            {
                _open = new SegmentReader(segment.Path, segment.BasePosition);
                return true;
            }
            catch (FileNotFoundException) when (attempt == 0)
            {
                Refresh(); // deleted by retention since the listing
            }
        }
    }

    /// <summary>Index of the segment with the greatest base position not after <paramref name="position"/>, or −1.</summary>
    private int IndexFor(long position)
    {
        int low = 0;
        int high = _segments.Count - 1;
        int found = -1;
        while (low <= high)
        {
            int middle = (low + high) >>> 1;
            if (_segments[middle].BasePosition <= position)
            {
                found = middle;
                low = middle + 1;
            }
            else
            {
                high = middle - 1;
            }
        }

        return found;
    }

    private void Refresh() => _segments = SegmentFiles.List(_directory);
}
