namespace Emergency.Journal.Tests;

public sealed class RoundTripTests
{
    [Fact]
    public async Task Records_of_every_size_round_trip_over_several_segments()
    {
        using var temp = new TempDirectory();
        int[] sizes = [0, 1, 7, 8, 100, 4095, 4096, 65_536, JournalFormat.MaxPayloadBytes, 0, 3, 70_000, 12];
        var positions = new List<long>();
        await using (var journal = await Journals.OpenAsync(temp.Journal, segmentSize: 64 * 1024))
        {
            for (int i = 0; i < sizes.Length; i++)
            {
                positions.Add(await journal.AppendAsync(Journals.Payload(sizes[i], i)));
            }

            Assert.Equal(positions[^1] + JournalFormat.RecordBytes(sizes[^1]), journal.Writer.LastDurablePosition);

            using var reader = journal.CreateReader();
            AssertRecords(await Journals.ReadAllAsync(reader));
        }

        // Each next position is exactly one record further: positions are contiguous byte positions.
        for (int i = 1; i < positions.Count; i++)
        {
            Assert.Equal(positions[i - 1] + JournalFormat.RecordBytes(sizes[i - 1]), positions[i]);
        }

        Assert.True(Journals.Segments(temp.Journal).Length >= 4);
        AssertRecords(await Journals.ReadDirectoryAsync(temp.Journal));

        void AssertRecords(List<JournalRecord> records)
        {
            Assert.Equal(sizes.Length, records.Count);
            for (int i = 0; i < sizes.Length; i++)
            {
                Assert.Equal(positions[i], records[i].Position);
                Assert.Equal(Journals.Payload(sizes[i], i), records[i].Payload.ToArray());
            }
        }
    }

    [Fact]
    public async Task A_record_over_the_maximum_is_refused_and_nothing_is_written()
    {
        using var temp = new TempDirectory();
        await using var journal = await Journals.OpenAsync(temp.Journal);

        var tooLarge = new byte[JournalFormat.MaxPayloadBytes + 1];
        Assert.Throws<ArgumentException>(() => { _ = journal.AppendAsync(tooLarge); });
        Assert.Throws<ArgumentException>(() => { _ = journal.Writer.AppendBatchAsync([new byte[10], tooLarge]); });

        Assert.Equal(0, journal.Writer.LastDurablePosition);
        Assert.Equal(0, journal.GetStats().RecordsAppended);
    }

    [Fact]
    public async Task A_batch_append_is_contiguous_and_completes_once_all_are_durable()
    {
        using var temp = new TempDirectory();
        await using var journal = await Journals.OpenAsync(temp.Journal, segmentSize: 2048);

        long before = await journal.AppendAsync(Journals.Payload(5, 99));
        var payloads = Enumerable.Range(0, 100).Select(i => (ReadOnlyMemory<byte>)Journals.Payload(i % 60, i)).ToList();
        long first = await journal.Writer.AppendBatchAsync(payloads);

        Assert.Equal(before + JournalFormat.RecordBytes(5), first);
        Assert.Equal(
            first + payloads.Sum(p => JournalFormat.RecordBytes(p.Length)), journal.Writer.LastDurablePosition);
        Assert.Equal(journal.Writer.LastDurablePosition, await journal.Writer.AppendBatchAsync([]));

        using var reader = journal.CreateReader();
        var records = await Journals.ReadAllAsync(reader, first);
        Assert.Equal(100, records.Count);
        long expected = first;
        for (int i = 0; i < records.Count; i++)
        {
            Assert.Equal(expected, records[i].Position);
            Assert.Equal(payloads[i].ToArray(), records[i].Payload.ToArray());
            expected = records[i].NextPosition;
        }
    }

    [Fact]
    public async Task Small_batches_follow_next_positions_across_segment_rolls()
    {
        using var temp = new TempDirectory();
        await using var journal = await Journals.OpenAsync(temp.Journal, segmentSize: 1024);
        var appended = new List<long>();
        for (int i = 0; i < 300; i++)
        {
            appended.Add(await journal.AppendAsync(Journals.Payload(50, i)));
        }

        Assert.True(Journals.Segments(temp.Journal).Length > 10);

        using var reader = journal.CreateReader();
        var read = new List<JournalRecord>();
        long position = 0;
        while (true)
        {
            var batch = await reader.ReadBatchAsync(position, maxRecords: 7);
            if (batch.Records.Count == 0)
            {
                Assert.Equal(journal.Writer.LastDurablePosition, batch.NextPosition);
                break;
            }

            Assert.True(batch.Records.Count <= 7);
            Assert.Equal(batch.Records[^1].NextPosition, batch.NextPosition);
            read.AddRange(batch.Records);
            position = batch.NextPosition;
        }

        Assert.Equal(appended, read.Select(r => r.Position));
        Assert.Equal(Journals.Payload(50, 299), read[^1].Payload.ToArray());

        // Starting from any record's position reads from that record on.
        var fromMiddle = await Journals.ReadAllAsync(reader, appended[123]);
        Assert.Equal(appended.Skip(123), fromMiddle.Select(r => r.Position));
    }

    [Fact]
    public async Task Reopening_continues_after_the_last_record()
    {
        using var temp = new TempDirectory();
        long end;
        await using (var journal = await Journals.OpenAsync(temp.Journal, segmentSize: 1024))
        {
            for (int i = 0; i < 25; i++)
            {
                await journal.AppendAsync(Journals.Payload(40, i));
            }

            end = journal.Writer.LastDurablePosition;
        }

        await using (var journal = await Journals.OpenAsync(temp.Journal, segmentSize: 1024))
        {
            Assert.Equal(end, journal.Writer.LastDurablePosition);
            Assert.Equal(0, journal.GetStats().TruncatedTailBytes);
            Assert.Equal(end, await journal.AppendAsync(Journals.Payload(40, 25)));

            using var reader = journal.CreateReader();
            var records = await Journals.ReadAllAsync(reader);
            Assert.Equal(26, records.Count);
            Assert.Equal(Journals.Payload(40, 25), records[^1].Payload.ToArray());
        }
    }

    [Fact]
    public async Task A_second_open_of_the_same_directory_is_refused()
    {
        using var temp = new TempDirectory();
        await using var journal = await Journals.OpenAsync(temp.Journal);

        await Assert.ThrowsAsync<IOException>(async () => await Journals.OpenAsync(temp.Journal));
    }
}
