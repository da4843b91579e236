using System.Buffers.Binary;
using System.Text;
using Emergency.Domain.Devices;
using Emergency.Grains.Devices;
using Emergency.Ingest.Decoding;

namespace Emergency.Ingest.Journaling;

/// <summary>
/// What the ingest journal holds for one frame the service accepted (applied, gap fill or duplicate): where it came
/// from, whom it was attributed to, when it arrived, and the device's payload exactly as sent.
/// </summary>
public sealed record FrameRecord(
    TopicChannel Channel,
    DeviceKind Kind,
    string Region,
    string DeviceId,
    string? PatientId,
    long Seq,
    DateTimeOffset ReceivedAt,
    FrameOutcome Outcome,
    ReadOnlyMemory<byte> Payload)
{
    // Layout (little-endian): version u8, channel u8, kind u8, outcome u8, seq i64, receivedAt ms i64,
    // region, device, patient as (u8 length + UTF-8; patient length 0 = none), payload as (i32 length + bytes).
    private const byte FormatVersion = 1;
    private const int FixedBytes = 4 + 8 + 8;

    public byte[] Encode()
    {
        var region = Encoding.UTF8.GetBytes(Region);
        var device = Encoding.UTF8.GetBytes(DeviceId);
        var patient = PatientId is null ? [] : Encoding.UTF8.GetBytes(PatientId);
        var bytes = new byte[FixedBytes + 3 + region.Length + device.Length + patient.Length + 4 + Payload.Length];
        var span = bytes.AsSpan();
        span[0] = FormatVersion;
        span[1] = (byte)Channel;
        span[2] = (byte)Kind;
        span[3] = (byte)Outcome;
        BinaryPrimitives.WriteInt64LittleEndian(span[4..], Seq);
        BinaryPrimitives.WriteInt64LittleEndian(span[12..], ReceivedAt.ToUnixTimeMilliseconds());
        var at = FixedBytes;
        foreach (var text in new[] { region, device, patient })
        {
            span[at++] = checked((byte)text.Length); // ids are at most 64 characters of ASCII
            text.CopyTo(span[at..]);
            at += text.Length;
        }
        BinaryPrimitives.WriteInt32LittleEndian(span[at..], Payload.Length);
        Payload.Span.CopyTo(span[(at + 4)..]);
        return bytes;
    }

    /// <summary>Reads a record; a record this version cannot read is an error, never skipped silently.</summary>
    public static FrameRecord Decode(ReadOnlyMemory<byte> record)
    {
        var span = record.Span;
        if (span.Length < FixedBytes + 7 || span[0] != FormatVersion)
        {
            throw new InvalidDataException($"journal record of {span.Length} bytes, format {(span.Length > 0 ? span[0] : -1)}: not a frame record this version reads");
        }
        var at = FixedBytes;
        var region = ReadText(span, ref at);
        var device = ReadText(span, ref at);
        var patient = ReadText(span, ref at);
        var payloadLength = BinaryPrimitives.ReadInt32LittleEndian(span[at..]);
        if (payloadLength < 0 || at + 4 + payloadLength != span.Length)
        {
            throw new InvalidDataException("journal record payload length does not match the record");
        }
        return new FrameRecord(
            (TopicChannel)span[1], (DeviceKind)span[2], region, device, patient.Length == 0 ? null : patient,
            BinaryPrimitives.ReadInt64LittleEndian(span[4..]),
            DateTimeOffset.FromUnixTimeMilliseconds(BinaryPrimitives.ReadInt64LittleEndian(span[12..])),
            (FrameOutcome)span[3],
            record.Slice(at + 4, payloadLength));
    }

    private static string ReadText(ReadOnlySpan<byte> span, ref int at)
    {
        var length = span[at++];
        if (at + length + 4 > span.Length)
        {
            throw new InvalidDataException("journal record cut short");
        }
        var text = Encoding.UTF8.GetString(span.Slice(at, length));
        at += length;
        return text;
    }
}
