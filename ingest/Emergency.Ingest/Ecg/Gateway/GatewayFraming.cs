using System.Buffers;
using Emergency.Domain.Ecg.Wire;

namespace Emergency.Ingest.Ecg.Gateway;

/// <summary>
/// The raw socket gateway's framing: every message is a u32 little-endian length, then that many bytes
/// (docs/contract.md, "ECG raw socket gateway"). Works on whatever part of the stream has arrived: a message split
/// across reads is taken once it is whole.
/// </summary>
public static class GatewayFraming
{
    public const int PrefixBytes = 4;

    /// <summary>Longest message: the largest ECG frame (the hello is far smaller).</summary>
    public const int MaxMessageBytes = EcgFrameLayout.MaxFrameBytes;

    /// <summary>
    /// Takes one whole message off the front of <paramref name="buffer"/>. False when more bytes are needed, or when
    /// the length is 0 or above <see cref="MaxMessageBytes"/> (<paramref name="badLength"/> set: the stream cannot be
    /// trusted past it).
    /// </summary>
    public static bool TryTake(ref ReadOnlySequence<byte> buffer, out ReadOnlySequence<byte> message, out long? badLength)
    {
        message = default;
        badLength = null;
        var reader = new SequenceReader<byte>(buffer);
        if (!reader.TryReadLittleEndian(out int rawLength))
        {
            return false;
        }
        var length = (uint)rawLength;
        if (length is 0 or > MaxMessageBytes)
        {
            badLength = length;
            return false;
        }
        if (reader.Remaining < length)
        {
            return false;
        }
        message = buffer.Slice(PrefixBytes, length);
        buffer = buffer.Slice(message.End);
        return true;
    }

    public static byte[] Frame(ReadOnlySpan<byte> message)
    {
        var bytes = new byte[PrefixBytes + message.Length];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32LittleEndian(bytes, (uint)message.Length);
        message.CopyTo(bytes.AsSpan(PrefixBytes));
        return bytes;
    }
}
