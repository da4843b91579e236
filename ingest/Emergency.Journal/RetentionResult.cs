namespace Emergency.Journal;

/// <summary>What one retention run removed.</summary>
/// <param name="SegmentsDeleted">Whole segment files deleted.</param>
/// <param name="BytesDeleted">Their total size.</param>
/// <param name="FirstPosition">Position of the oldest record kept afterwards.</param>
public sealed record RetentionResult(int SegmentsDeleted, long BytesDeleted, long FirstPosition);
