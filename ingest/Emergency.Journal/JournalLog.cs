using Microsoft.Extensions.Logging;

namespace Emergency.Journal;

/// <summary>The journal's log lines.</summary>
internal static partial class JournalLog
{
    [LoggerMessage(1, LogLevel.Warning,
        "Journal tail torn in {File}: incomplete record at position {Position} (file offset {Offset}); cut off {DroppedBytes} bytes. "
        + "A write interrupted by a crash or power loss leaves this; those records were never acknowledged. Copy kept in {Quarantine}.")]
    public static partial void TornTail(ILogger logger, string file, long position, long offset, long droppedBytes, string? quarantine);

    [LoggerMessage(2, LogLevel.Error,
        "Journal tail corrupt in {File}: {Reason} at position {Position} (file offset {Offset}); cut off {DroppedBytes} bytes. "
        + "After a power loss this is an unfinished write; otherwise the disk damaged records. Copy kept in {Quarantine}.")]
    public static partial void CorruptTail(
        ILogger logger, string file, string reason, long position, long offset, long droppedBytes, string? quarantine);

    [LoggerMessage(3, LogLevel.Error, "Could not keep a copy of the cut-off journal tail of {File} in {Quarantine}.")]
    public static partial void QuarantineFailed(ILogger logger, Exception exception, string file, string quarantine);

    [LoggerMessage(4, LogLevel.Error,
        "Journal segments are not contiguous: {File} ends at position {End} but the next segment starts at {NextStart}. "
        + "Readers will stop there with a corruption error.")]
    public static partial void SegmentGap(ILogger logger, string file, long end, long nextStart);

    [LoggerMessage(5, LogLevel.Information, "Journal opened in {Directory}: {Segments} segment(s), durable up to position {Position}.")]
    public static partial void Opened(ILogger logger, string directory, int segments, long position);

    [LoggerMessage(6, LogLevel.Error,
        "Journal write failed for {Appends} append(s) ({Records} record(s)) at position {Position}; their callers get the error "
        + "and must not acknowledge. Later appends continue from that position.")]
    public static partial void WriteFailed(ILogger logger, Exception exception, int appends, int records, long position);

    [LoggerMessage(7, LogLevel.Information, "Journal writer recovered after a failure: {File} cut back to {Length} bytes.")]
    public static partial void Repaired(ILogger logger, string file, long length);

    [LoggerMessage(8, LogLevel.Debug, "Journal started segment {File}.")]
    public static partial void Rolled(ILogger logger, string file);

    [LoggerMessage(9, LogLevel.Information, "Journal retention deleted {File} ({Bytes} bytes, records before position {End}).")]
    public static partial void SegmentDeleted(ILogger logger, string file, long bytes, long end);

    [LoggerMessage(10, LogLevel.Error, "Journal retention could not delete {File}.")]
    public static partial void DeleteFailed(ILogger logger, Exception exception, string file);

    [LoggerMessage(11, LogLevel.Error, "Journal cursor file {File} is unreadable; cursor {Name} starts from the beginning.")]
    public static partial void CursorUnreadable(ILogger logger, string file, string name);

    [LoggerMessage(12, LogLevel.Debug, "Removed stale cursor temp file {File} (a commit that did not finish; the previous value stands).")]
    public static partial void StaleCursorTemp(ILogger logger, string file);

    [LoggerMessage(13, LogLevel.Error, "Journal retention run failed.")]
    public static partial void RetentionFailed(ILogger logger, Exception exception);

    [LoggerMessage(14, LogLevel.Debug, "Journal retention kept everything: no cursor is registered.")]
    public static partial void RetentionWithoutCursors(ILogger logger);

    [LoggerMessage(15, LogLevel.Critical, "Journal writer stopped after an unexpected error; appends fail until the journal is reopened.")]
    public static partial void WriterStopped(ILogger logger, Exception exception);
}
