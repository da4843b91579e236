using System.Buffers;

namespace Emergency.DeviceSim.Wire;

internal enum FrameKind : byte
{
    Vitals,
    Position,
    Status,
    Ecg,
}

/// <summary>
/// One encoded frame waiting to be published. The payload lives in an array rented from the shared pool;
/// whoever finishes with the frame (published, or dropped) calls <see cref="Release"/> exactly once.
/// </summary>
internal sealed class OutboundFrame
{
    private readonly int _length;
    private byte[]? _buffer;

    public OutboundFrame(string topic, long seq, FrameKind kind, byte[] rentedBuffer, int length)
    {
        Topic = topic;
        Seq = seq;
        Kind = kind;
        _buffer = rentedBuffer;
        _length = length;
    }

    public string Topic { get; }

    public long Seq { get; }

    public FrameKind Kind { get; }

    public bool IsReleased => Volatile.Read(ref _buffer) is null;

    public ReadOnlyMemory<byte> Payload =>
        Volatile.Read(ref _buffer) is { } buffer
            ? new ReadOnlyMemory<byte>(buffer, 0, _length)
            : throw new ObjectDisposedException(nameof(OutboundFrame), "The frame was already released.");

    public void Release()
    {
        if (Interlocked.Exchange(ref _buffer, null) is { } buffer)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
