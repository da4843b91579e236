namespace Emergency.Domain.Devices;

/// <summary>What a frame's sequence number means for its device's stream (see <see cref="SeqTracker"/>).</summary>
public enum SeqObservation : byte
{
    /// <summary>Above the high-water mark: the newest frame so far (possibly after a gap).</summary>
    New = 0,

    /// <summary>Seen before (or below the high-water mark and no longer tracked as missing).</summary>
    Duplicate = 1,

    /// <summary>Below the high-water mark and inside a recorded gap: a late or store-and-forward frame.</summary>
    GapFill = 2,
}
