namespace Emergency.Journal;

/// <summary>Settings of one journal. Read once when the journal is opened.</summary>
public sealed class JournalOptions
{
    /// <summary>Folder holding the segment files, the cursors and the lock file; created when missing.</summary>
    public string Directory { get; set; } = "";

    /// <summary>
    /// A new segment is started when the next record would take the current one past this size. A record larger
    /// than this still goes into a segment of its own.
    /// </summary>
    public long SegmentSizeBytes { get; set; } = 64L * 1024 * 1024;

    /// <summary>
    /// How long the writer may wait, after picking up the first queued record, for more records to share the fsync.
    /// Zero: write and fsync as soon as the previous fsync has finished (records that arrived meanwhile still share).
    /// </summary>
    public TimeSpan GroupCommitWindow { get; set; } = TimeSpan.FromMilliseconds(2);

    /// <summary>The writer stops gathering records for one fsync at this many bytes (one append is never split).</summary>
    public int MaxBatchBytes { get; set; } = 4 * 1024 * 1024;

    /// <summary>Appends waiting for the writer; when full, callers wait for room (back-pressure, nothing dropped).</summary>
    public int QueueCapacity { get; set; } = 16_384;

    /// <summary>
    /// Segments are kept at least this long after their newest record was written, and always until every cursor
    /// has moved past them.
    /// </summary>
    public TimeSpan Retention { get; set; } = TimeSpan.FromDays(7);

    /// <summary>How often retention runs on its own; zero runs it only when asked (<see cref="IngestJournal.RunRetention"/>).</summary>
    public TimeSpan RetentionCheckInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// False skips every fsync (records then survive a process crash but not a power loss). For benchmarks only.
    /// </summary>
    public bool FsyncEnabled { get; set; } = true;

    internal void Validate()
    {
        if (string.IsNullOrWhiteSpace(Directory))
        {
            throw new ArgumentException("JournalOptions.Directory is required.", nameof(Directory));
        }

        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(SegmentSizeBytes, nameof(SegmentSizeBytes));
        ArgumentOutOfRangeException.ThrowIfLessThan(GroupCommitWindow, TimeSpan.Zero, nameof(GroupCommitWindow));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(MaxBatchBytes, nameof(MaxBatchBytes));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(QueueCapacity, nameof(QueueCapacity));
        ArgumentOutOfRangeException.ThrowIfLessThan(Retention, TimeSpan.Zero, nameof(Retention));
        ArgumentOutOfRangeException.ThrowIfLessThan(RetentionCheckInterval, TimeSpan.Zero, nameof(RetentionCheckInterval));
    }

    internal JournalOptions Clone() => (JournalOptions)MemberwiseClone();
}
