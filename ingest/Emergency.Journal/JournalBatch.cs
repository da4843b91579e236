namespace Emergency.Journal;

/// <summary>Records read by one <see cref="JournalReader.ReadBatchAsync"/> call.</summary>
public sealed class JournalBatch
{
    public JournalBatch(IReadOnlyList<JournalRecord> records, long nextPosition)
    {
        Records = records;
        NextPosition = nextPosition;
    }

    /// <summary>In journal order; empty when nothing durable follows the requested position.</summary>
    public IReadOnlyList<JournalRecord> Records { get; }

    /// <summary>Where to read next: after the last record returned (the requested position when there was none).</summary>
    public long NextPosition { get; }
}
