using System.Buffers.Binary;
using System.IO.Hashing;

namespace Emergency.Journal;

/// <summary>
/// The on-disk record format (version 1). A segment file is a plain sequence of records with no file header; each
/// record is
/// <code>
/// bytes 0–3   u32 little-endian   payload length n (0 … MaxPayloadBytes)
/// bytes 4–7   u32 little-endian   CRC-32 (IEEE 802.3, System.IO.Hashing.Crc32) over: the record's position as
///                                 u64 little-endian (not stored), bytes 0–3, then the payload
/// bytes 8…    n bytes             payload
/// </code>
/// A record's position is the global byte offset of its first byte: the segment's base position (its file name)
/// plus the record's offset in the file. Hashing the position means that an intact record found where it does not
/// belong (a stale copy, a renamed file, a position that is not a record boundary) fails the check instead of
/// being read as valid.
/// </summary>
public static class JournalFormat
{
    /// <summary>Length and checksum in front of every payload.</summary>
    public const int HeaderBytes = 8;

    /// <summary>Largest payload one record may carry (1 MiB). A fixed part of the format: readers use it to reject a
    /// damaged length field before trusting it.</summary>
    public const int MaxPayloadBytes = 1 << 20;

    /// <summary>Segment files are named by the position of their first record, 20 decimal digits, and this extension.</summary>
    public const string SegmentExtension = ".seg";

    internal const int SegmentNameDigits = 20;

    /// <summary>Bytes one record with a payload of <paramref name="payloadLength"/> bytes takes in the journal.</summary>
    public static long RecordBytes(int payloadLength) => HeaderBytes + (long)payloadLength;

    /// <summary>Writes header and payload of the record at <paramref name="position"/> into <paramref name="destination"/>.</summary>
    internal static void Encode(Span<byte> destination, long position, ReadOnlySpan<byte> payload, Crc32 crc)
    {
        BinaryPrimitives.WriteUInt32LittleEndian(destination, (uint)payload.Length);
        uint checksum = Checksum(crc, position, destination[..4], payload);
        BinaryPrimitives.WriteUInt32LittleEndian(destination[4..], checksum);
        payload.CopyTo(destination[HeaderBytes..]);
    }

    internal static uint Checksum(Crc32 crc, long position, ReadOnlySpan<byte> lengthField, ReadOnlySpan<byte> payload)
    {
        Span<byte> positionBytes = stackalloc byte[8];
        BinaryPrimitives.WriteInt64LittleEndian(positionBytes, position);
        crc.Reset();
        crc.Append(positionBytes);
        crc.Append(lengthField);
        crc.Append(payload);
        return crc.GetCurrentHashAsUInt32();
    }
}
