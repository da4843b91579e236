namespace Emergency.Journal.Tests;

public sealed class OptionsTests
{
    [Fact]
    public async Task Invalid_options_are_refused_at_open()
    {
        using var temp = new TempDirectory();
        await Assert.ThrowsAsync<ArgumentException>(async () => await IngestJournal.OpenAsync(new JournalOptions()));
        await Assert.ThrowsAnyAsync<ArgumentException>(async () =>
            await IngestJournal.OpenAsync(new JournalOptions { Directory = temp.Journal, SegmentSizeBytes = 0 }));
        await Assert.ThrowsAnyAsync<ArgumentException>(async () =>
            await IngestJournal.OpenAsync(new JournalOptions { Directory = temp.Journal, GroupCommitWindow = TimeSpan.FromMilliseconds(-1) }));
        await Assert.ThrowsAnyAsync<ArgumentException>(async () =>
            await IngestJournal.OpenAsync(new JournalOptions { Directory = temp.Journal, QueueCapacity = 0 }));
    }

    [Fact]
    public void Defaults_are_as_documented()
    {
        var options = new JournalOptions();
        Assert.Equal(64L * 1024 * 1024, options.SegmentSizeBytes);
        Assert.Equal(TimeSpan.FromMilliseconds(2), options.GroupCommitWindow);
        Assert.Equal(TimeSpan.FromDays(7), options.Retention);
        Assert.True(options.FsyncEnabled);
    }

    [Fact]
    public async Task Without_fsync_records_are_still_written_and_read()
    {
        using var temp = new TempDirectory();
        var options = Journals.Options(temp.Journal, segmentSize: 1024);
        options.FsyncEnabled = false;
        await using (var journal = await IngestJournal.OpenAsync(options))
        {
            for (int i = 0; i < 30; i++)
            {
                await journal.AppendAsync(Journals.Payload(60, i));
            }

            Assert.Equal(0, journal.GetStats().Fsyncs);
        }

        Assert.Equal(30, (await Journals.ReadDirectoryAsync(temp.Journal)).Count);
    }

    [Fact]
    public async Task A_batch_stops_gathering_at_MaxBatchBytes()
    {
        using var temp = new TempDirectory();
        var options = Journals.Options(temp.Journal);
        options.MaxBatchBytes = 1; // every append is a batch of its own
        await using var journal = await IngestJournal.OpenAsync(options);

        await Task.WhenAll(Enumerable.Range(0, 4).Select(task => Task.Run(async () =>
        {
            for (int n = 0; n < 50; n++)
            {
                await journal.AppendAsync(Journals.Tagged(task, n));
            }
        }))).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(200, journal.GetStats().Fsyncs);
    }
}
