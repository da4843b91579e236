namespace Emergency.Journal;

/// <summary>
/// A record that should be intact is not: a checksum mismatch, an impossible length, or a segment that ends before
/// the next one begins. Readers stop there rather than skip records silently; skipping is a decision for an
/// operator or consumer (<see cref="NextSegmentPosition"/> says where the next intact segment starts).
/// </summary>
public sealed class JournalCorruptionException : IOException
{
    public JournalCorruptionException(string filePath, long position, long fileOffset, string reason, long? nextSegmentPosition)
        : base(
            $"Journal corrupt at position {position} in '{filePath}' (file offset {fileOffset}): {reason}. "
            + "Records there cannot be read; the reader does not skip them.")
    {
        FilePath = filePath;
        Position = position;
        FileOffset = fileOffset;
        Reason = reason;
        NextSegmentPosition = nextSegmentPosition;
    }

    public string FilePath { get; }

    public long Position { get; }

    public long FileOffset { get; }

    public string Reason { get; }

    /// <summary>Start of the next segment, when the damage is in a segment that has a successor.</summary>
    public long? NextSegmentPosition { get; }
}
