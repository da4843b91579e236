using System.Buffers;

namespace Emergency.DeviceSim.Wire;

/// <summary>
/// An <see cref="IBufferWriter{T}"/> over arrays rented from <see cref="ArrayPool{T}.Shared"/>.
/// <see cref="Detach"/> hands the written array over to the caller (who returns it to the pool) and starts afresh.
/// </summary>
internal sealed class PooledBufferWriter : IBufferWriter<byte>
{
    private const int InitialSize = 256;

    private byte[]? _array;
    private int _written;

    public int WrittenCount => _written;

    public void Advance(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if (_array is null || _written + count > _array.Length)
        {
            throw new InvalidOperationException("Advanced past the end of the buffer.");
        }

        _written += count;
    }

    public Memory<byte> GetMemory(int sizeHint = 0)
    {
        Ensure(sizeHint);
        return _array.AsMemory(_written);
    }

    public Span<byte> GetSpan(int sizeHint = 0)
    {
        Ensure(sizeHint);
        return _array.AsSpan(_written);
    }

    /// <summary>Returns the rented array holding what was written, and its length; the writer is empty afterwards.</summary>
    public (byte[] Array, int Length) Detach()
    {
        var array = _array ?? ArrayPool<byte>.Shared.Rent(1);
        var length = _written;
        _array = null;
        _written = 0;
        return (array, length);
    }

    /// <summary>Returns any rented array to the pool.</summary>
    public void Reset()
    {
        if (_array is not null)
        {
            ArrayPool<byte>.Shared.Return(_array);
        }

        _array = null;
        _written = 0;
    }

    private void Ensure(int sizeHint)
    {
        sizeHint = Math.Max(sizeHint, 1);
        if (_array is null)
        {
            _array = ArrayPool<byte>.Shared.Rent(Math.Max(InitialSize, sizeHint));
            return;
        }

        if (_array.Length - _written >= sizeHint)
        {
            return;
        }

        var bigger = ArrayPool<byte>.Shared.Rent(Math.Max(_array.Length * 2, _written + sizeHint));
        _array.AsSpan(0, _written).CopyTo(bigger);
        ArrayPool<byte>.Shared.Return(_array);
        _array = bigger;
    }
}
