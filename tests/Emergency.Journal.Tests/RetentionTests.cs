namespace Emergency.Journal.Tests;

public sealed class RetentionTests
{
    private static readonly DateTime LongAgo = DateTime.UtcNow.AddDays(-30);

    [Fact]
    public async Task Only_consumed_old_enough_inactive_segments_are_deleted()
    {
        using var temp = new TempDirectory();
        var options = Journals.Options(temp.Journal, segmentSize: 1024);
        options.Retention = TimeSpan.FromDays(1);
        await using var journal = await IngestJournal.OpenAsync(options);
        var positions = new List<long>();
        for (int i = 0; i < 60; i++)
        {
            positions.Add(await journal.AppendAsync(Journals.Payload(100, i))); // nine per segment: seven segments
        }

        var segments = Journals.Segments(temp.Journal);
        Assert.Equal(7, segments.Length);
        long SegmentStart(int segment) => positions[segment * 9];
        foreach (string segment in segments)
        {
            File.SetLastWriteTimeUtc(segment, LongAgo);
        }

        // No cursor: nobody has said what was consumed, so nothing goes.
        Assert.Equal(0, journal.RunRetention().SegmentsDeleted);

        // The lowest cursor decides: segments 0–2 lie wholly before it, segment 3 does not.
        await journal.Cursors.CommitAsync("history-influx", SegmentStart(3) + 108);
        await journal.Cursors.CommitAsync("replay", journal.Writer.LastDurablePosition);
        long size = segments.Take(3).Sum(s => new FileInfo(s).Length);
        var result = journal.RunRetention();
        Assert.Equal(3, result.SegmentsDeleted);
        Assert.Equal(size, result.BytesDeleted);
        Assert.Equal(SegmentStart(3), result.FirstPosition);
        Assert.Equal(segments.Skip(3), Journals.Segments(temp.Journal));

        // A segment written too recently stays, and so does everything after it (no holes).
        File.SetLastWriteTimeUtc(segments[4], DateTime.UtcNow);
        await journal.Cursors.CommitAsync("history-influx", journal.Writer.LastDurablePosition);
        Assert.Equal(1, journal.RunRetention().SegmentsDeleted);
        Assert.Equal(segments.Skip(4), Journals.Segments(temp.Journal));

        // With everything consumed and old, all but the active segment go.
        File.SetLastWriteTimeUtc(segments[4], LongAgo);
        Assert.Equal(2, journal.RunRetention().SegmentsDeleted);
        Assert.Equal([segments[6]], Journals.Segments(temp.Journal));

        var stats = journal.GetStats();
        Assert.Equal(6, stats.SegmentsDeleted);
        Assert.Equal(1, stats.SegmentCount);
        Assert.Equal(new FileInfo(segments[6]).Length, stats.SizeBytes);

        // Reading from 0 starts at the oldest record kept; a deleted position is an error, not a silent skip.
        using var reader = journal.CreateReader();
        var records = await Journals.ReadAllAsync(reader);
        Assert.Equal(positions.Skip(54), records.Select(r => r.Position));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(async () => await reader.ReadBatchAsync(positions[10], 10));
    }

    [Fact]
    public async Task Nothing_is_deleted_before_the_retention_time()
    {
        using var temp = new TempDirectory();
        var options = Journals.Options(temp.Journal, segmentSize: 512);
        options.Retention = TimeSpan.FromDays(7);
        await using var journal = await IngestJournal.OpenAsync(options);
        for (int i = 0; i < 20; i++)
        {
            await journal.AppendAsync(Journals.Payload(100, i));
        }

        await journal.Cursors.CommitAsync("replay", journal.Writer.LastDurablePosition);
        int before = Journals.Segments(temp.Journal).Length;

        Assert.Equal(0, journal.RunRetention().SegmentsDeleted);
        Assert.Equal(before, Journals.Segments(temp.Journal).Length);
    }

    [Fact]
    public async Task A_zero_retention_deletes_consumed_segments_at_once_but_never_the_active_one()
    {
        using var temp = new TempDirectory();
        var options = Journals.Options(temp.Journal, segmentSize: 512);
        options.Retention = TimeSpan.Zero;
        await using var journal = await IngestJournal.OpenAsync(options);
        for (int i = 0; i < 20; i++)
        {
            await journal.AppendAsync(Journals.Payload(100, i));
        }

        await journal.Cursors.CommitAsync("replay", journal.Writer.LastDurablePosition);
        File.SetLastWriteTimeUtc(Journals.Segments(temp.Journal)[^1], LongAgo);

        Assert.True(journal.RunRetention().SegmentsDeleted > 0);
        string remaining = Assert.Single(Journals.Segments(temp.Journal));
        Assert.Equal(journal.Writer.ActiveSegmentBase, long.Parse(Path.GetFileNameWithoutExtension(remaining), System.Globalization.CultureInfo.InvariantCulture));

        // Appending goes on in the active segment.
        long position = await journal.AppendAsync(Journals.Payload(10, 99));
        using var reader = journal.CreateReader();
        Assert.Equal(position, (await Journals.ReadAllAsync(reader)).Last().Position);
    }

    [Fact]
    public async Task Retention_runs_by_itself_at_the_check_interval()
    {
        using var temp = new TempDirectory();
        var options = Journals.Options(temp.Journal, segmentSize: 512);
        options.Retention = TimeSpan.FromHours(1);
        options.RetentionCheckInterval = TimeSpan.FromMilliseconds(20);
        await using var journal = await IngestJournal.OpenAsync(options);
        for (int i = 0; i < 20; i++)
        {
            await journal.AppendAsync(Journals.Payload(100, i));
        }

        foreach (string segment in Journals.Segments(temp.Journal))
        {
            File.SetLastWriteTimeUtc(segment, LongAgo);
        }

        var deleted = new TaskCompletionSource<RetentionResult>(TaskCreationOptions.RunContinuationsAsynchronously);
        journal.Retention.Completed += result =>
        {
            if (result.SegmentsDeleted > 0)
            {
                deleted.TrySetResult(result);
            }
        };
        await journal.Cursors.CommitAsync("replay", journal.Writer.LastDurablePosition);

        var run = await deleted.Task.WaitAsync(Journals.Timeout);
        Assert.Equal(4, run.SegmentsDeleted);
        Assert.Single(Journals.Segments(temp.Journal));
    }

    [Fact]
    public async Task Old_quarantined_tails_are_deleted_with_old_segments()
    {
        using var temp = new TempDirectory();
        await using (var journal = await Journals.OpenAsync(temp.Journal))
        {
            await journal.AppendAsync(Journals.Payload(100, 0));
        }

        Journals.Truncate(Journals.Segments(temp.Journal)[0], 50);
        var options = Journals.Options(temp.Journal);
        options.Retention = TimeSpan.FromDays(1);
        await using (var journal = await IngestJournal.OpenAsync(options))
        {
            string copy = Assert.Single(Directory.GetFiles(Path.Combine(temp.Journal, "quarantine")));
            journal.RunRetention();
            Assert.True(File.Exists(copy)); // young: kept

            File.SetLastWriteTimeUtc(copy, LongAgo);
            journal.RunRetention();
            Assert.False(File.Exists(copy));
        }
    }
}
