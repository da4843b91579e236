using Microsoft.Extensions.Logging;

namespace Emergency.Journal;

/// <summary>
/// Deletes old segments. A segment goes only when all three hold: it is not the segment being appended to; every
/// record in it lies before the lowest cursor of <see cref="JournalCursorStore"/> (so every registered consumer has
/// handled it); and its file was last written more than <see cref="JournalOptions.Retention"/> ago (the file's last
/// write time is the time of its newest record, so every record is kept at least that long). Segments are deleted
/// oldest first and the run stops at the first one that must stay, so the journal never has holes. With no cursor
/// at all nothing is deleted. Copies of cut-off tails in <c>quarantine/</c> are deleted after the same age.
/// </summary>
public sealed class JournalRetention
{
    private readonly string _directory;
    private readonly TimeSpan _retention;
    private readonly JournalWriter _writer;
    private readonly JournalCursorStore _cursors;
    private readonly JournalMetrics _metrics;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly Lock _runLock = new();

    internal JournalRetention(
        JournalOptions options, JournalWriter writer, JournalCursorStore cursors, JournalMetrics metrics,
        TimeProvider timeProvider, ILogger logger)
    {
        _directory = options.Directory;
        _retention = options.Retention;
        _writer = writer;
        _cursors = cursors;
        _metrics = metrics;
        _timeProvider = timeProvider;
        _logger = logger;
    }

    /// <summary>Raised after every run, with what it deleted (lets the background runs be observed).</summary>
    internal event Action<RetentionResult>? Completed;

    /// <summary>Deletes what may go now. A file that cannot be deleted is logged and ends the run.</summary>
    public RetentionResult Run()
    {
        RetentionResult result;
        lock (_runLock)
        {
            result = DeleteEligible();
        }

        Completed?.Invoke(result);
        return result;
    }

    private RetentionResult DeleteEligible()
    {
        var segments = SegmentFiles.List(_directory);
        DateTime cutoff = _timeProvider.GetUtcNow().UtcDateTime - _retention;
        DeleteOldQuarantine(cutoff);

        long? minimum = _cursors.Minimum();
        if (minimum is null)
        {
            JournalLog.RetentionWithoutCursors(_logger);
            return new RetentionResult(0, 0, segments.Count > 0 ? segments[0].BasePosition : 0);
        }

        long active = _writer.ActiveSegmentBase;
        int deleted = 0;
        long bytes = 0;
        // The newest listed segment is never deleted, even if the writer has moved on since the listing.
        for (int i = 0; i + 1 < segments.Count; i++)
        {
            var segment = segments[i];
            long end = segments[i + 1].BasePosition;
            if (segment.BasePosition >= active || end > minimum || segment.LastWriteTimeUtc > cutoff)
            {
                break;
            }

            try
            {
                File.Delete(segment.Path);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                JournalLog.DeleteFailed(_logger, ex, segment.Path);
                break;
            }

            deleted++;
            bytes += segment.Length;
            _metrics.SegmentDeleted(segment.Length);
            JournalLog.SegmentDeleted(_logger, segment.Path, segment.Length, end);
        }

        return new RetentionResult(deleted, bytes, segments.Count > 0 ? segments[deleted].BasePosition : 0);
    }

    private void DeleteOldQuarantine(DateTime cutoff)
    {
        var folder = new DirectoryInfo(Path.Combine(_directory, TailRecovery.QuarantineDirectoryName));
        if (!folder.Exists)
        {
            return;
        }

        foreach (var file in folder.EnumerateFiles())
        {
            if (file.LastWriteTimeUtc <= cutoff)
            {
                try
                {
                    file.Delete();
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
                {
                    JournalLog.DeleteFailed(_logger, ex, file.FullName);
                }
            }
        }
    }
}
