namespace Emergency.Journal;

/// <summary>One record read from the journal.</summary>
/// <param name="Position">Global byte position of the record; strictly increasing along the journal.</param>
/// <param name="Payload">The bytes that were appended (a copy owned by the caller).</param>
public readonly record struct JournalRecord(long Position, ReadOnlyMemory<byte> Payload)
{
    /// <summary>Position of the record after this one: what a consumer's cursor holds once it has handled this one.</summary>
    public long NextPosition => Position + JournalFormat.RecordBytes(Payload.Length);
}
