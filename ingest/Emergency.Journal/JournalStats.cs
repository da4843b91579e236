namespace Emergency.Journal;

/// <summary>A snapshot of a journal's counters for a health endpoint. Totals count since the journal was opened.</summary>
public sealed record JournalStats
{
    /// <summary>Every record before this position is durable (see <see cref="JournalWriter.LastDurablePosition"/>).</summary>
    public long LastDurablePosition { get; init; }

    /// <summary>Bytes in all segment files (headers included).</summary>
    public long SizeBytes { get; init; }

    public int SegmentCount { get; init; }

    /// <summary>Appends waiting for the writer.</summary>
    public int QueuedAppends { get; init; }

    public long RecordsAppended { get; init; }

    /// <summary>Payload bytes (headers not included).</summary>
    public long BytesAppended { get; init; }

    /// <summary>Appends (calls) that failed with a write or fsync error; their callers were told.</summary>
    public long AppendFailures { get; init; }

    public long Fsyncs { get; init; }

    public double LastFsyncMs { get; init; }

    public double MaxFsyncMs { get; init; }

    /// <summary>99th percentile of the last 1,024 fsyncs.</summary>
    public double FsyncP99Ms { get; init; }

    /// <summary>How many times a torn or corrupt tail was cut off when the journal was opened (0 or 1).</summary>
    public long TruncatedTails { get; init; }

    public long TruncatedTailBytes { get; init; }

    public long SegmentsDeleted { get; init; }

    public long BytesDeleted { get; init; }

    /// <summary>Bytes between each cursor and the durable end.</summary>
    public IReadOnlyDictionary<string, long> CursorLagBytes { get; init; } = new Dictionary<string, long>();
}
