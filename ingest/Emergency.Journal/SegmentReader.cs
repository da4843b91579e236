using System.Buffers.Binary;
using System.IO.Hashing;
using Microsoft.Win32.SafeHandles;

namespace Emergency.Journal;

/// <summary>
/// Reads and validates the records of one segment file through a read-ahead buffer, so that small records do not
/// cost a system call each. Used by readers and by start-up recovery. Not thread-safe.
/// </summary>
internal sealed class SegmentReader : IDisposable
{
    private const int InitialBufferBytes = 128 * 1024;
    private const int MaxRecordBytes = JournalFormat.HeaderBytes + JournalFormat.MaxPayloadBytes;

    private readonly SafeFileHandle _file;
    private readonly Crc32 _crc = new();
    private byte[] _buffer = new byte[InitialBufferBytes];
    private long _bufferOffset;
    private int _bufferCount;

    public SegmentReader(string path, long basePosition)
    {
        Path = path;
        BasePosition = basePosition;
        // Delete sharing lets retention remove a segment a slow reader still has open (matters on Windows only).
        _file = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
    }

    public string Path { get; }

    public long BasePosition { get; }

    public long FileLength => RandomAccess.GetLength(_file);

    /// <summary>
    /// Reads the record at file offset <paramref name="offset"/> without looking at bytes at or beyond
    /// <paramref name="limit"/>. On <see cref="RecordStatus.Ok"/> the payload points into an internal buffer that the
    /// next call reuses.
    /// </summary>
    public RecordStatus TryRead(long offset, long limit, out ReadOnlySpan<byte> payload)
    {
        payload = default;
        if (offset >= limit)
        {
            return RecordStatus.End;
        }

        int available = Fill(offset, JournalFormat.HeaderBytes, limit);
        if (available == 0)
        {
            return RecordStatus.End;
        }

        if (available < JournalFormat.HeaderBytes)
        {
            return RecordStatus.Incomplete;
        }

        uint length = BinaryPrimitives.ReadUInt32LittleEndian(_buffer.AsSpan(BufferIndex(offset), 4));
        if (length > JournalFormat.MaxPayloadBytes)
        {
            return RecordStatus.BadLength;
        }

        int total = JournalFormat.HeaderBytes + (int)length;
        if (Fill(offset, total, limit) < total)
        {
            return RecordStatus.Incomplete;
        }

        var record = _buffer.AsSpan(BufferIndex(offset), total);
        uint stored = BinaryPrimitives.ReadUInt32LittleEndian(record[4..]);
        var body = record[JournalFormat.HeaderBytes..];
        if (JournalFormat.Checksum(_crc, BasePosition + offset, record[..4], body) != stored)
        {
            return RecordStatus.BadChecksum;
        }

        payload = body;
        return RecordStatus.Ok;
    }

    /// <summary>Copies file bytes [<paramref name="offset"/>, <paramref name="end"/>) to <paramref name="destination"/>.</summary>
    public void CopyTo(Stream destination, long offset, long end)
    {
        var chunk = new byte[Math.Min(1 << 20, Math.Max(1, end - offset))];
        while (offset < end)
        {
            int read = RandomAccess.Read(_file, chunk.AsSpan(0, (int)Math.Min(chunk.Length, end - offset)), offset);
            if (read == 0)
            {
                break;
            }

            destination.Write(chunk, 0, read);
            offset += read;
        }
    }

    public void Dispose() => _file.Dispose();

    private int BufferIndex(long offset) => (int)(offset - _bufferOffset);

    /// <summary>
    /// Makes up to <paramref name="count"/> bytes from <paramref name="offset"/> available in the buffer and returns
    /// how many are (fewer only at the end of the file or at <paramref name="limit"/>).
    /// </summary>
    private int Fill(long offset, int count, long limit)
    {
        long start = offset - _bufferOffset;
        if (start >= 0 && start + count <= _bufferCount)
        {
            return count;
        }

        if (count > _buffer.Length)
        {
            _buffer = new byte[Math.Min(MaxRecordBytes, Math.Max(count, 2 * _buffer.Length))];
        }

        int want = (int)Math.Min(_buffer.Length, limit - offset);
        int read = 0;
        while (read < want)
        {
            int n = RandomAccess.Read(_file, _buffer.AsSpan(read, want - read), offset + read);
            if (n == 0)
            {
                break;
            }

            read += n;
        }

        _bufferOffset = offset;
        _bufferCount = read;
        return Math.Min(read, count);
    }
}
