namespace Emergency.Journal.Tests;

public sealed class TailingTests
{
    [Fact]
    public async Task A_waiting_reader_wakes_up_when_a_record_becomes_durable()
    {
        using var temp = new TempDirectory();
        await using var journal = await Journals.OpenAsync(temp.Journal);
        await journal.AppendAsync(Journals.Payload(10, 0));
        using var reader = journal.CreateReader();
        var caughtUp = await reader.ReadBatchAsync(0, 100);
        long cursor = caughtUp.NextPosition;

        var waiting = reader.WaitForAppendAsync(cursor);
        Assert.False(waiting.IsCompleted);

        long position = await journal.AppendAsync(Journals.Payload(20, 1));
        long durable = await waiting.WaitAsync(Journals.Timeout);

        Assert.Equal(cursor, position);
        Assert.True(durable > cursor);
        var record = Assert.Single((await reader.ReadBatchAsync(cursor, 100)).Records);
        Assert.Equal(Journals.Payload(20, 1), record.Payload.ToArray());
    }

    [Fact]
    public async Task Following_streams_records_as_they_are_appended_across_segments()
    {
        using var temp = new TempDirectory();
        await using var journal = await Journals.OpenAsync(temp.Journal, segmentSize: 1024);
        using var reader = journal.CreateReader();
        using var stop = new CancellationTokenSource();

        var follower = Task.Run(async () =>
        {
            var seen = new List<JournalRecord>();
            await foreach (var record in reader.FollowAsync(0, stop.Token))
            {
                seen.Add(record);
                if (seen.Count == 200)
                {
                    break;
                }
            }

            return seen;
        });

        var appended = new List<long>();
        for (int i = 0; i < 200; i++)
        {
            appended.Add(await journal.AppendAsync(Journals.Payload(30 + (i % 20), i)));
        }

        var records = await follower.WaitAsync(Journals.Timeout);
        Assert.Equal(appended, records.Select(r => r.Position));
        Assert.Equal(Journals.Payload(30 + (199 % 20), 199), records[^1].Payload.ToArray());
    }

    [Fact]
    public async Task Following_ends_with_cancellation()
    {
        using var temp = new TempDirectory();
        await using var journal = await Journals.OpenAsync(temp.Journal);
        using var reader = journal.CreateReader();
        using var stop = new CancellationTokenSource();

        var follower = Task.Run(async () =>
        {
            await foreach (var _ in reader.FollowAsync(0, stop.Token))
            {
            }
        });

        await stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => follower.WaitAsync(Journals.Timeout));
    }

    [Fact]
    public async Task A_record_written_but_not_yet_fsynced_is_not_returned()
    {
        using var temp = new TempDirectory();
        await using var journal = await Journals.OpenAsync(temp.Journal);
        long first = await journal.AppendAsync(Journals.Payload(10, 0));
        long end = journal.Writer.LastDurablePosition;

        using var gate = new FsyncGate(journal.Writer);

        var append = journal.AppendAsync(Journals.Payload(10, 1)).AsTask();
        await gate.ReachedAsync();

        // The bytes are in the file, but the fsync has not returned: not durable, not readable, not acknowledged.
        Assert.Equal(end + JournalFormat.RecordBytes(10), new FileInfo(Journals.Segments(temp.Journal)[^1]).Length);
        Assert.Equal(end, journal.Writer.LastDurablePosition);
        Assert.False(append.IsCompleted);
        using var reader = journal.CreateReader();
        Assert.Equal([first], (await reader.ReadBatchAsync(0, 10)).Records.Select(r => r.Position));

        gate.Release();
        Assert.Equal(end, await append.WaitAsync(Journals.Timeout));
        Assert.Equal(2, (await reader.ReadBatchAsync(0, 10)).Records.Count);
    }

    [Fact]
    public async Task Waiting_ends_when_the_journal_is_disposed()
    {
        using var temp = new TempDirectory();
        var journal = await Journals.OpenAsync(temp.Journal);
        var waiting = journal.Writer.WaitForAppendAsync(journal.Writer.LastDurablePosition);

        await journal.DisposeAsync();

        await Assert.ThrowsAsync<ObjectDisposedException>(() => waiting.WaitAsync(Journals.Timeout));
    }
}
