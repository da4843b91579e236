using Emergency.DeviceSim.Wire;
using Emergency.Domain.Devices;

namespace Emergency.DeviceSim.Fleet;

/// <summary>
/// A simulated device. Each scheduled tick it moves its world forward and emits the frames due.
/// The sequence number is per device, shared by all its topics, strictly increasing from <see cref="StartSeqAt"/> (1 unless set).
/// Not thread-safe: a device is ticked by one loop at a time.
/// </summary>
internal abstract class SimDevice
{
    private long _seq;

    protected SimDevice(string id, DeviceKind kind, string region, TimeSpan tickInterval)
    {
        if (!DeviceIds.IsValid(id))
        {
            throw new ArgumentException($"Invalid device id '{id}'.", nameof(id));
        }

        Id = id;
        Kind = kind;
        Topics = DeviceTopics.For(region, kind, id);
        TickInterval = tickInterval;
    }

    public string Id { get; }

    public DeviceKind Kind { get; }

    public DeviceTopics Topics { get; }

    /// <summary>Time between ticks (one vitals frame per tick while there is a patient).</summary>
    public TimeSpan TickInterval { get; }

    /// <summary>The last sequence number used (0 before the first frame).</summary>
    public long LastSeq => _seq;

    protected FrameEncoder Encoder { get; } = new();

    /// <summary>
    /// Advances the device by <paramref name="simulated"/> time and appends the frames due to <paramref name="output"/>.
    /// <paramref name="elapsed"/> is the real time since the previous tick (zero on the first tick),
    /// <paramref name="now"/> the frames' timestamp.
    /// </summary>
    public abstract void Tick(DateTimeOffset now, TimeSpan elapsed, TimeSpan simulated, ICollection<OutboundFrame> output);

    /// <summary>Sets the seq of the next frame; call before the first tick.</summary>
    public void StartSeqAt(long firstSeq)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(firstSeq);
        _seq = firstSeq - 1;
    }

    protected long NextSeq() => ++_seq;
}
