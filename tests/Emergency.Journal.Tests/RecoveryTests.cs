using System.Buffers.Binary;
using Microsoft.Extensions.Logging;

namespace Emergency.Journal.Tests;

public sealed class RecoveryTests
{
    private const int RecordCount = 30;
    private const int PayloadBytes = 100;
    private const long SegmentSize = 1024; // nine 108-byte records per segment

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    [InlineData(7)]
    [InlineData(8)]
    [InlineData(50)]
    [InlineData(107)]
    public async Task A_torn_last_record_is_cut_off_and_appends_continue_after_the_last_good_one(int keptBytesOfLastRecord)
    {
        using var temp = new TempDirectory();
        var positions = await WriteRecordsAsync(temp.Journal);
        long last = positions[^1];
        var (path, offset) = Journals.Locate(temp.Journal, last);
        byte[] original = await File.ReadAllBytesAsync(path);
        Journals.Truncate(path, offset + keptBytesOfLastRecord);

        await using var journal = await Journals.OpenAsync(temp.Journal, SegmentSize);

        var stats = journal.GetStats();
        Assert.Equal(last, journal.Writer.LastDurablePosition);
        Assert.Equal(1, stats.TruncatedTails);
        Assert.Equal(keptBytesOfLastRecord, stats.TruncatedTailBytes);
        Assert.Equal(offset, new FileInfo(path).Length);

        // The cut-off bytes are kept for inspection.
        string copy = Assert.Single(Directory.GetFiles(Path.Combine(temp.Journal, "quarantine")));
        Assert.Equal(original.AsSpan((int)offset, keptBytesOfLastRecord).ToArray(), await File.ReadAllBytesAsync(copy));

        Assert.Equal(last, await journal.AppendAsync(Journals.Payload(33, 1000)));
        Assert.Equal(last + JournalFormat.RecordBytes(33), await journal.AppendAsync(Journals.Payload(34, 1001)));
        await AssertRecordsAsync(journal, positions.Take(RecordCount - 1), (33, 1000), (34, 1001));
    }

    [Fact]
    public async Task Cutting_a_tail_is_logged_with_file_position_and_bytes()
    {
        using var temp = new TempDirectory();
        var positions = await WriteRecordsAsync(temp.Journal);
        var (path, offset) = Journals.Locate(temp.Journal, positions[^1]);
        Journals.Truncate(path, offset + 50);
        var logs = new CollectingLoggerProvider();
        using var loggerFactory = LoggerFactory.Create(builder => builder.AddProvider(logs));

        await using var journal = await IngestJournal.OpenAsync(Journals.Options(temp.Journal, SegmentSize), loggerFactory);

        var (level, message) = Assert.Single(logs.Entries, e => e.Level >= LogLevel.Warning);
        Assert.Equal(LogLevel.Warning, level);
        Assert.Contains(path, message);
        Assert.Contains($"position {positions[^1]}", message);
        Assert.Contains("50 bytes", message);
    }

    [Fact]
    public async Task A_checksum_mismatch_at_the_tail_is_logged_as_an_error()
    {
        using var temp = new TempDirectory();
        var positions = await WriteRecordsAsync(temp.Journal);
        var (path, offset) = Journals.Locate(temp.Journal, positions[^1]);
        Journals.FlipByte(path, offset + 20);
        var logs = new CollectingLoggerProvider();
        using var loggerFactory = LoggerFactory.Create(builder => builder.AddProvider(logs));

        await using var journal = await IngestJournal.OpenAsync(Journals.Options(temp.Journal, SegmentSize), loggerFactory);

        var (_, message) = Assert.Single(logs.Entries, e => e.Level == LogLevel.Error);
        Assert.Contains("checksum mismatch", message);
        Assert.Contains(path, message);
    }

    [Theory]
    [InlineData(0, "length field")]
    [InlineData(4, "checksum")]
    [InlineData(8 + 60, "payload")]
    public async Task A_damaged_last_record_is_cut_off(int damagedByte, string what)
    {
        using var temp = new TempDirectory();
        var positions = await WriteRecordsAsync(temp.Journal);
        var (path, offset) = Journals.Locate(temp.Journal, positions[^1]);
        Journals.FlipByte(path, offset + damagedByte);

        await using var journal = await Journals.OpenAsync(temp.Journal, SegmentSize);

        Assert.True(journal.GetStats().TruncatedTailBytes == JournalFormat.RecordBytes(PayloadBytes), what);
        Assert.Equal(positions[^1], journal.Writer.LastDurablePosition);
        Assert.Equal(positions[^1], await journal.AppendAsync(Journals.Payload(5, 2000)));
        await AssertRecordsAsync(journal, positions.Take(RecordCount - 1), (5, 2000));
    }

    [Fact]
    public async Task Zeros_after_the_last_record_are_cut_off()
    {
        using var temp = new TempDirectory();
        var positions = await WriteRecordsAsync(temp.Journal);
        var (path, _) = Journals.Locate(temp.Journal, positions[^1]);
        long length = new FileInfo(path).Length;
        Journals.Truncate(path, length + 4096); // a file system that grew the file but never wrote the blocks

        await using var journal = await Journals.OpenAsync(temp.Journal, SegmentSize);

        Assert.Equal(4096, journal.GetStats().TruncatedTailBytes);
        Assert.Equal(length, new FileInfo(path).Length);
        await AssertRecordsAsync(journal, positions);
    }

    [Fact]
    public async Task Damage_in_the_middle_of_an_older_segment_is_reported_not_skipped()
    {
        using var temp = new TempDirectory();
        var positions = await WriteRecordsAsync(temp.Journal);
        long damaged = positions[3];
        var (path, offset) = Journals.Locate(temp.Journal, damaged);
        Assert.Equal(Journals.Segments(temp.Journal)[0], path);
        Journals.FlipByte(path, offset + 8 + 10);

        await using var journal = await Journals.OpenAsync(temp.Journal, SegmentSize);
        Assert.Equal(0, journal.GetStats().TruncatedTailBytes); // only the tail is repaired at open
        Assert.Equal(positions[^1] + JournalFormat.RecordBytes(PayloadBytes), journal.Writer.LastDurablePosition);

        using var reader = journal.CreateReader();
        // The records before the damage are delivered; the next read stops at the damaged record.
        var before = await reader.ReadBatchAsync(0, maxRecords: 100);
        Assert.Equal(positions.Take(3), before.Records.Select(r => r.Position));
        Assert.Equal(damaged, before.NextPosition);

        var error = await Assert.ThrowsAsync<JournalCorruptionException>(async () => await reader.ReadBatchAsync(damaged, 100));
        Assert.Equal(path, error.FilePath);
        Assert.Equal(damaged, error.Position);
        Assert.Equal(offset, error.FileOffset);
        Assert.Equal(positions[9], error.NextSegmentPosition); // nine records per segment
        Assert.Contains(path, error.Message);
        Assert.Contains(damaged.ToString(System.Globalization.CultureInfo.InvariantCulture), error.Message);

        // A reader of the closed files reports the same.
        using var standalone = new JournalReader(temp.Journal);
        await Assert.ThrowsAsync<JournalCorruptionException>(async () => await standalone.ReadBatchAsync(damaged, 100));
    }

    [Fact]
    public async Task A_segment_shorter_than_its_successor_expects_is_reported()
    {
        using var temp = new TempDirectory();
        var positions = await WriteRecordsAsync(temp.Journal);
        string first = Journals.Segments(temp.Journal)[0];
        Journals.Truncate(first, 5 * JournalFormat.RecordBytes(PayloadBytes)); // lost its last four records

        await using var journal = await Journals.OpenAsync(temp.Journal, SegmentSize);
        using var reader = journal.CreateReader();

        var error = await Assert.ThrowsAsync<JournalCorruptionException>(async () => await reader.ReadBatchAsync(positions[5], 100));
        Assert.Equal(first, error.FilePath);
        Assert.Equal(positions[9], error.NextSegmentPosition);
    }

    [Fact]
    public async Task Damage_to_a_durable_record_of_the_open_segment_is_reported()
    {
        using var temp = new TempDirectory();
        await using var journal = await Journals.OpenAsync(temp.Journal, SegmentSize);
        long position = await journal.AppendAsync(Journals.Payload(40, 1));
        await journal.AppendAsync(Journals.Payload(40, 2));
        var (path, offset) = Journals.Locate(temp.Journal, position);
        Journals.FlipByte(path, offset + 8);

        using var reader = journal.CreateReader();
        var error = await Assert.ThrowsAsync<JournalCorruptionException>(async () => await reader.ReadBatchAsync(0, 10));
        Assert.Equal(position, error.Position);
        Assert.Null(error.NextSegmentPosition);
    }

    [Fact]
    public async Task A_position_inside_a_record_is_not_read_as_a_record()
    {
        using var temp = new TempDirectory();
        await using var journal = await Journals.OpenAsync(temp.Journal);
        // A payload that itself looks like a record header: only the position in the checksum tells them apart.
        var inner = new byte[20];
        BinaryPrimitives.WriteUInt32LittleEndian(inner, 4);
        long position = await journal.AppendAsync(inner);

        using var reader = journal.CreateReader();
        await Assert.ThrowsAsync<JournalCorruptionException>(async () => await reader.ReadBatchAsync(position + 8, 10));
    }

    private static async Task<List<long>> WriteRecordsAsync(string directory)
    {
        var positions = new List<long>();
        await using var journal = await Journals.OpenAsync(directory, SegmentSize);
        for (int i = 0; i < RecordCount; i++)
        {
            positions.Add(await journal.AppendAsync(Journals.Payload(PayloadBytes, i)));
        }

        return positions;
    }

    private static async Task AssertRecordsAsync(IngestJournal journal, IEnumerable<long> original, params (int Length, int Seed)[] added)
    {
        using var reader = journal.CreateReader();
        var records = await Journals.ReadAllAsync(reader);
        var expected = original.Select((p, i) => Journals.Payload(PayloadBytes, i))
            .Concat(added.Select(a => Journals.Payload(a.Length, a.Seed)))
            .ToList();
        Assert.Equal(expected.Count, records.Count);
        for (int i = 0; i < expected.Count; i++)
        {
            Assert.Equal(expected[i], records[i].Payload.ToArray());
        }

        using var standalone = new JournalReader(journal.Options.Directory);
        Assert.Equal(records.Count, (await Journals.ReadAllAsync(standalone)).Count);
    }
}
