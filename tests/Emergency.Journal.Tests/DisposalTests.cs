namespace Emergency.Journal.Tests;

public sealed class DisposalTests
{
    [Fact]
    public async Task Disposing_writes_everything_already_queued()
    {
        using var temp = new TempDirectory();
        var journal = await Journals.OpenAsync(temp.Journal, segmentSize: 4096);
        using var gate = new FsyncGate(journal.Writer);

        var first = journal.AppendAsync(Journals.Payload(10, -1)).AsTask();
        await gate.ReachedAsync(); // the writer is busy: the rest waits in the queue
        var queued = Enumerable.Range(0, 500).Select(i => journal.AppendAsync(Journals.Tagged(0, i)).AsTask()).ToList();
        Assert.True(journal.GetStats().QueuedAppends > 0);

        var disposing = journal.DisposeAsync().AsTask();
        await Assert.ThrowsAsync<ObjectDisposedException>(async () => await journal.AppendAsync(Journals.Payload(1, 1)));
        gate.Release();
        await disposing.WaitAsync(Journals.Timeout);

        await first;
        var positions = await Task.WhenAll(queued);
        Assert.Equal(positions.Order(), positions);

        var records = await Journals.ReadDirectoryAsync(temp.Journal);
        Assert.Equal(501, records.Count);
        Assert.Equal(positions, records.Skip(1).Select(r => r.Position));
    }

    [Fact]
    public async Task Appends_waiting_for_room_in_a_full_queue_do_not_hang_on_dispose()
    {
        using var temp = new TempDirectory();
        var options = Journals.Options(temp.Journal);
        options.QueueCapacity = 4;
        var journal = await IngestJournal.OpenAsync(options);
        using var gate = new FsyncGate(journal.Writer);

        var first = journal.AppendAsync(Journals.Payload(10, -1)).AsTask();
        await gate.ReachedAsync();
        var appends = Enumerable.Range(0, 20).Select(i => journal.AppendAsync(Journals.Tagged(0, i)).AsTask()).ToList();
        Assert.Contains(appends, a => !a.IsCompleted);

        var disposing = journal.DisposeAsync().AsTask();
        gate.Release();
        await disposing.WaitAsync(Journals.Timeout);
        await first;

        // Each one either became durable or was refused; none is left hanging.
        var durable = new List<long>();
        foreach (var append in appends)
        {
            var done = await Task.WhenAny(append).WaitAsync(Journals.Timeout);
            if (done.IsCompletedSuccessfully)
            {
                durable.Add(await done);
            }
            else
            {
                Assert.IsType<ObjectDisposedException>(done.Exception?.InnerException);
            }
        }

        Assert.True(durable.Count >= 4);
        var records = await Journals.ReadDirectoryAsync(temp.Journal);
        Assert.Equal(durable, records.Skip(1).Select(r => r.Position));
    }

    [Fact]
    public async Task Disposing_twice_and_disposing_an_idle_journal_are_quick()
    {
        using var temp = new TempDirectory();
        var journal = await Journals.OpenAsync(temp.Journal);
        await journal.DisposeAsync().AsTask().WaitAsync(Journals.Timeout);
        await journal.DisposeAsync().AsTask().WaitAsync(Journals.Timeout);
        await journal.Writer.DisposeAsync().AsTask().WaitAsync(Journals.Timeout);

        // The lock is released: the journal can be opened again.
        await using var reopened = await Journals.OpenAsync(temp.Journal);
    }
}
