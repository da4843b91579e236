namespace Emergency.DeviceSim.Transport;

/// <summary>Which frames a full store-and-forward buffer gives up (each one counted as dropped).</summary>
public enum BufferPolicy
{
    /// <summary>
    /// The default: the oldest frames go, the newest are kept. After a long outage the crew and the ED need the
    /// patient's state now and its recent trend, which the newest frames carry; the oldest part of the outage becomes
    /// a recorded gap instead.
    /// </summary>
    DropOldest,

    /// <summary>New frames are refused while the buffer is full: the start of the outage is kept complete.</summary>
    DropNewest,
}
