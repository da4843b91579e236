namespace Emergency.Journal.Tests;

public sealed class ConcurrencyTests
{
    [Fact]
    public async Task Concurrent_appends_are_each_present_once_in_per_task_order()
    {
        const int Tasks = 8;
        const int PerTask = 2000;
        using var temp = new TempDirectory();
        await using var journal = await Journals.OpenAsync(temp.Journal, segmentSize: 256 * 1024);

        var positions = new long[Tasks][];
        await Task.WhenAll(Enumerable.Range(0, Tasks).Select(task => Task.Run(async () =>
        {
            positions[task] = new long[PerTask];
            for (int n = 0; n < PerTask; n++)
            {
                positions[task][n] = await journal.AppendAsync(Journals.Tagged(task, n));
            }
        }))).WaitAsync(TimeSpan.FromSeconds(60));

        using var reader = journal.CreateReader();
        var records = await Journals.ReadAllAsync(reader);
        Assert.Equal(Tasks * PerTask, records.Count);

        var next = new int[Tasks];
        foreach (var record in records)
        {
            var (task, n) = Journals.ReadTag(record.Payload);
            Assert.Equal(next[task], n); // every record once, in the order its task appended it
            Assert.Equal(positions[task][n], record.Position);
            next[task]++;
        }

        Assert.All(next, count => Assert.Equal(PerTask, count));
        Assert.True(Journals.Segments(temp.Journal).Length > 1);
    }

    [Fact]
    public async Task Group_commit_lets_many_appends_share_one_fsync()
    {
        const int Tasks = 32;
        const int PerTask = 250;
        using var temp = new TempDirectory();
        await using var journal = await Journals.OpenAsync(temp.Journal, window: TimeSpan.FromMilliseconds(2));

        await Task.WhenAll(Enumerable.Range(0, Tasks).Select(task => Task.Run(async () =>
        {
            for (int n = 0; n < PerTask; n++)
            {
                await journal.AppendAsync(Journals.Tagged(task, n));
            }
        }))).WaitAsync(TimeSpan.FromSeconds(60));

        var stats = journal.GetStats();
        Assert.Equal(Tasks * PerTask, stats.RecordsAppended);
        Assert.True(stats.Fsyncs > 0);
        Assert.True(stats.Fsyncs < stats.RecordsAppended / 4, $"{stats.Fsyncs} fsyncs for {stats.RecordsAppended} records");
    }

    [Fact]
    public async Task An_append_has_completed_only_once_a_new_reader_of_the_directory_sees_it()
    {
        using var temp = new TempDirectory();
        await using var journal = await Journals.OpenAsync(temp.Journal, segmentSize: 4096);

        await Task.WhenAll(Enumerable.Range(0, 4).Select(task => Task.Run(async () =>
        {
            for (int n = 0; n < 40; n++)
            {
                var payload = Journals.Tagged(task, n);
                long position = await journal.AppendAsync(payload);

                using var fresh = new JournalReader(temp.Journal);
                var batch = await fresh.ReadBatchAsync(position, maxRecords: 1);
                var record = Assert.Single(batch.Records);
                Assert.Equal(position, record.Position);
                Assert.Equal(payload, record.Payload.ToArray());
            }
        }))).WaitAsync(TimeSpan.FromSeconds(60));
    }
}
