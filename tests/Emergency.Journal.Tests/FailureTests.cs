namespace Emergency.Journal.Tests;

/// <summary>Write and fsync errors (disk full, I/O error) are injected at the writer's system calls.</summary>
public sealed class FailureTests
{
    [Fact]
    public async Task A_failed_fsync_fails_its_append_and_later_appends_continue_from_the_durable_end()
    {
        using var temp = new TempDirectory();
        long end;
        await using (var journal = await Journals.OpenAsync(temp.Journal))
        {
            long first = await journal.AppendAsync(Journals.Payload(10, 0));
            end = journal.Writer.LastDurablePosition;
            int failures = 1;
            journal.Writer.FaultInjection = point =>
                point == "fsync" && Interlocked.Decrement(ref failures) >= 0 ? new IOException("No space left on device") : null;

            var error = await Assert.ThrowsAsync<IOException>(async () => await journal.AppendAsync(Journals.Payload(10, 1)));
            Assert.Equal("No space left on device", error.Message);
            Assert.Equal(end, journal.Writer.LastDurablePosition);
            Assert.Equal(1, journal.GetStats().AppendFailures);

            // The next append takes the failed one's place; what the failed write left in the file is gone.
            Assert.Equal(end, await journal.AppendAsync(Journals.Payload(10, 2)));
            using var reader = journal.CreateReader();
            var records = await Journals.ReadAllAsync(reader);
            Assert.Equal([first, end], records.Select(r => r.Position));
            Assert.Equal(Journals.Payload(10, 2), records[1].Payload.ToArray());
            end = journal.Writer.LastDurablePosition;
        }

        Assert.Equal(end, new FileInfo(Journals.Segments(temp.Journal)[^1]).Length);
        await using (var journal = await Journals.OpenAsync(temp.Journal))
        {
            Assert.Equal(0, journal.GetStats().TruncatedTailBytes);
            Assert.Equal(end, journal.Writer.LastDurablePosition);
        }
    }

    [Fact]
    public async Task A_failed_write_fails_every_append_of_its_batch_and_only_those()
    {
        using var temp = new TempDirectory();
        await using var journal = await Journals.OpenAsync(temp.Journal);
        int writes = 0;
        using var gate = new FsyncGate(
            journal.Writer, point => point == "write" && Interlocked.Increment(ref writes) == 2 ? new IOException("Input/output error") : null);

        // The first append holds the writer at its fsync while ten more queue up; they form the next batch, whose
        // write fails.
        var first = journal.AppendAsync(Journals.Payload(10, 0)).AsTask();
        await gate.ReachedAsync();
        var batch = Enumerable.Range(1, 10).Select(i => journal.AppendAsync(Journals.Payload(10, i)).AsTask()).ToList();
        gate.Release();

        long firstPosition = await first.WaitAsync(Journals.Timeout);
        foreach (var failed in batch)
        {
            await Assert.ThrowsAsync<IOException>(() => failed.WaitAsync(Journals.Timeout));
        }

        long later = await journal.AppendAsync(Journals.Payload(10, 11));
        Assert.Equal(firstPosition + JournalFormat.RecordBytes(10), later);
        Assert.Equal(10, journal.GetStats().AppendFailures);
        using var reader = journal.CreateReader();
        Assert.Equal([firstPosition, later], (await Journals.ReadAllAsync(reader)).Select(r => r.Position));
    }

    [Fact]
    public async Task A_failed_segment_roll_is_retried_by_the_next_append()
    {
        using var temp = new TempDirectory();
        await using var journal = await Journals.OpenAsync(temp.Journal, segmentSize: 256);
        int failures = 1;
        journal.Writer.FaultInjection = point =>
            point == "roll" && Interlocked.Decrement(ref failures) >= 0 ? new IOException("Too many open files") : null;

        var positions = new List<long>();
        for (int i = 0; i < 2; i++)
        {
            positions.Add(await journal.AppendAsync(Journals.Payload(100, i)));
        }

        await Assert.ThrowsAsync<IOException>(async () => await journal.AppendAsync(Journals.Payload(100, 2)));
        for (int i = 3; i < 6; i++)
        {
            positions.Add(await journal.AppendAsync(Journals.Payload(100, i)));
        }

        Assert.Equal(positions[1] + JournalFormat.RecordBytes(100), positions[2]);
        using var reader = journal.CreateReader();
        Assert.Equal(positions, (await Journals.ReadAllAsync(reader)).Select(r => r.Position));
        Assert.Equal(3, Journals.Segments(temp.Journal).Length);
    }
}
