using System.Buffers.Binary;

namespace Emergency.Journal.Tests;

/// <summary>Shared set-up: options for tests, deterministic payloads, reading everything back, poking at files.</summary>
internal static class Journals
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    public static JournalOptions Options(string directory, long segmentSize = 64 * 1024, TimeSpan? window = null) => new()
    {
        Directory = directory,
        SegmentSizeBytes = segmentSize,
        GroupCommitWindow = window ?? TimeSpan.Zero,
        RetentionCheckInterval = TimeSpan.Zero,
    };

    public static ValueTask<IngestJournal> OpenAsync(string directory, long segmentSize = 64 * 1024, TimeSpan? window = null) =>
        IngestJournal.OpenAsync(Options(directory, segmentSize, window));

    /// <summary>Bytes that depend on both arguments, so a record mixed up with another is noticed.</summary>
    public static byte[] Payload(int length, int seed)
    {
        var bytes = new byte[length];
        for (int i = 0; i < length; i++)
        {
            bytes[i] = (byte)((i * 31) + (seed * 7) + (i >> 8));
        }

        return bytes;
    }

    /// <summary>A payload carrying (task, n) followed by some filler.</summary>
    public static byte[] Tagged(int task, int n)
    {
        var bytes = new byte[8 + (n % 40)];
        BinaryPrimitives.WriteInt32LittleEndian(bytes, task);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(4), n);
        return bytes;
    }

    public static (int Task, int N) ReadTag(ReadOnlyMemory<byte> payload) =>
        (BinaryPrimitives.ReadInt32LittleEndian(payload.Span), BinaryPrimitives.ReadInt32LittleEndian(payload.Span[4..]));

    public static async Task<List<JournalRecord>> ReadAllAsync(JournalReader reader, long from = 0)
    {
        var records = new List<JournalRecord>();
        await foreach (var record in reader.ReadAllAsync(from))
        {
            records.Add(record);
        }

        return records;
    }

    /// <summary>Reads a closed journal with a reader of its own.</summary>
    public static async Task<List<JournalRecord>> ReadDirectoryAsync(string directory, long from = 0)
    {
        using var reader = new JournalReader(directory);
        return await ReadAllAsync(reader, from);
    }

    public static string[] Segments(string directory) =>
        Directory.GetFiles(directory, "*" + JournalFormat.SegmentExtension).Order(StringComparer.Ordinal).ToArray();

    public static void FlipByte(string path, long offset)
    {
        using var file = new FileStream(path, FileMode.Open, FileAccess.ReadWrite);
        file.Position = offset;
        int value = file.ReadByte();
        file.Position = offset;
        file.WriteByte((byte)(value ^ 0x5A));
    }

    public static void Truncate(string path, long length)
    {
        using var file = new FileStream(path, FileMode.Open, FileAccess.ReadWrite);
        file.SetLength(length);
    }

    /// <summary>The segment file holding <paramref name="position"/> and the position's offset in it.</summary>
    public static (string Path, long Offset) Locate(string directory, long position)
    {
        var segment = Segments(directory)
            .Select(path => (Path: path, Base: long.Parse(System.IO.Path.GetFileNameWithoutExtension(path), System.Globalization.CultureInfo.InvariantCulture)))
            .Last(s => s.Base <= position);
        return (segment.Path, position - segment.Base);
    }
}
