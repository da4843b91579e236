using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Win32.SafeHandles;

namespace Emergency.Journal;

/// <summary>
/// Start-up check of the last segment: finds the end of its valid records and cuts off whatever follows (a write
/// torn by a crash or power loss, or damaged bytes), after keeping a copy in <c>quarantine/</c>. Only the last
/// segment can hold a torn write: a segment is fsynced completely before the next one is started.
/// </summary>
internal static class TailRecovery
{
    public const string QuarantineDirectoryName = "quarantine";

    /// <summary>Returns the length of the valid part, to which <paramref name="writable"/> has been cut.</summary>
    public static long Repair(
        SafeFileHandle writable, SegmentInfo segment, string journalDirectory, bool fsync, ILogger logger, JournalMetrics metrics)
    {
        long validEnd;
        long fileLength;
        RecordStatus status;
        string? quarantine = null;
        using (var reader = new SegmentReader(segment.Path, segment.BasePosition))
        {
            fileLength = reader.FileLength;
            validEnd = 0;
            while ((status = reader.TryRead(validEnd, fileLength, out var payload)) == RecordStatus.Ok)
            {
                validEnd += JournalFormat.RecordBytes(payload.Length);
            }

            if (validEnd == fileLength)
            {
                return validEnd;
            }

            quarantine = Quarantine(reader, segment, validEnd, fileLength, journalDirectory, logger);
        }

        long dropped = fileLength - validEnd;
        long position = segment.BasePosition + validEnd;
        if (status == RecordStatus.Incomplete)
        {
            JournalLog.TornTail(logger, segment.Path, position, validEnd, dropped, quarantine);
        }
        else
        {
            string reason = status == RecordStatus.BadLength ? "length field out of range" : "checksum mismatch";
            JournalLog.CorruptTail(logger, segment.Path, reason, position, validEnd, dropped, quarantine);
        }

        RandomAccess.SetLength(writable, validEnd);
        if (fsync)
        {
            RandomAccess.FlushToDisk(writable);
        }

        metrics.TailTruncated(dropped);
        return validEnd;
    }

    private static string? Quarantine(
        SegmentReader reader, SegmentInfo segment, long from, long to, string journalDirectory, ILogger logger)
    {
        string folder = Path.Combine(journalDirectory, QuarantineDirectoryName);
        string name = string.Create(
            CultureInfo.InvariantCulture, $"{segment.BasePosition + from:D20}-{DateTime.UtcNow:yyyyMMddTHHmmssfffZ}.tail");
        string path = Path.Combine(folder, name);
        try
        {
            Directory.CreateDirectory(folder);
            using (var copy = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                reader.CopyTo(copy, from, to);
                copy.Flush(flushToDisk: true);
            }

            return path;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Start-up goes on: refusing to open would leave every device unacknowledged.
            JournalLog.QuarantineFailed(logger, ex, segment.Path, path);
            return null;
        }
    }
}
