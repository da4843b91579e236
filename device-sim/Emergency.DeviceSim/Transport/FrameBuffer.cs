using Emergency.DeviceSim.Wire;

namespace Emergency.DeviceSim.Transport;

/// <summary>
/// A device's store-and-forward buffer: a bounded FIFO (ring buffer). When full, the <see cref="BufferPolicy"/>
/// decides which frame is dropped (released and counted): by default the oldest. One producer (the device's tick
/// loop) and one consumer (its sender) at a time.
/// </summary>
internal sealed class FrameBuffer
{
    private readonly OutboundFrame?[] _items;
    private readonly BufferPolicy _policy;
    private readonly Lock _lock = new();
    private int _head;
    private int _count;
    private long _dropped;
    private TaskCompletionSource? _waiter;

    public FrameBuffer(int capacity, BufferPolicy policy = BufferPolicy.DropOldest)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _items = new OutboundFrame?[capacity];
        _policy = policy;
    }

    public BufferPolicy Policy => _policy;

    public int Capacity => _items.Length;

    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _count;
            }
        }
    }

    /// <summary>Frames dropped because the buffer was full.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    /// <summary>Appends a frame; if the buffer is full, the oldest frame is dropped first, or this one (<see cref="BufferPolicy.DropNewest"/>).</summary>
    public void Enqueue(OutboundFrame frame)
    {
        OutboundFrame? dropped = null;
        TaskCompletionSource? waiter;
        lock (_lock)
        {
            if (_count == _items.Length && _policy == BufferPolicy.DropNewest)
            {
                dropped = frame;
                frame = null!;
            }
            else if (_count == _items.Length)
            {
                dropped = _items[_head];
                _items[_head] = null;
                _head = (_head + 1) % _items.Length;
                _count--;
            }

            if (frame is not null)
            {
                _items[(_head + _count) % _items.Length] = frame;
                _count++;
            }

            waiter = _waiter;
            _waiter = null;
        }

        if (dropped is not null)
        {
            Interlocked.Increment(ref _dropped);
            dropped.Release();
        }

        waiter?.TrySetResult();
    }

    public bool TryDequeue(out OutboundFrame frame)
    {
        lock (_lock)
        {
            if (_count == 0)
            {
                frame = null!;
                return false;
            }

            frame = _items[_head]!;
            _items[_head] = null;
            _head = (_head + 1) % _items.Length;
            _count--;
            return true;
        }
    }

    /// <summary>
    /// Puts back a frame taken with <see cref="TryDequeue"/> that could not be published, ahead of everything else,
    /// so order is kept. If the buffer filled up meanwhile, the policy applies: that frame is the oldest and is dropped
    /// (<see cref="BufferPolicy.DropOldest"/>), or the newest buffered frame makes room for it (<see cref="BufferPolicy.DropNewest"/>).
    /// </summary>
    public void ReturnToFront(OutboundFrame frame)
    {
        TaskCompletionSource? waiter;
        lock (_lock)
        {
            if (_count == _items.Length && _policy == BufferPolicy.DropNewest)
            {
                int newest = (_head + _count - 1) % _items.Length;
                var displaced = _items[newest]!;
                _items[newest] = null;
                _head = (_head - 1 + _items.Length) % _items.Length;
                _items[_head] = frame;
                waiter = null;
                frame = displaced;
            }
            else if (_count == _items.Length)
            {
                waiter = null;
            }
            else
            {
                _head = (_head - 1 + _items.Length) % _items.Length;
                _items[_head] = frame;
                _count++;
                waiter = _waiter;
                _waiter = null;
                frame = null!;
            }
        }

        if (frame is not null)
        {
            Interlocked.Increment(ref _dropped);
            frame.Release();
        }

        waiter?.TrySetResult();
    }

    /// <summary>Completes when at least one frame is buffered.</summary>
    public Task WaitForFrameAsync(CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            if (_count > 0)
            {
                return Task.CompletedTask;
            }

            _waiter ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            return _waiter.Task.WaitAsync(cancellationToken);
        }
    }

    /// <summary>Releases every buffered frame; returns how many there were.</summary>
    public int Clear()
    {
        var cleared = new List<OutboundFrame>();
        lock (_lock)
        {
            while (_count > 0)
            {
                cleared.Add(_items[_head]!);
                _items[_head] = null;
                _head = (_head + 1) % _items.Length;
                _count--;
            }
        }

        foreach (var frame in cleared)
        {
            frame.Release();
        }

        return cleared.Count;
    }
}
