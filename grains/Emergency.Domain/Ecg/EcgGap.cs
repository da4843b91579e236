namespace Emergency.Domain.Ecg;

/// <summary>
/// Frames a device numbered but that never arrived: between the block numbered <see cref="AfterSeq"/> (ending at
/// <see cref="FromUnixMs"/>) and the one numbered <see cref="BeforeSeq"/> (starting at <see cref="ToUnixMs"/>).
/// Shown as a gap, never interpolated.
/// </summary>
public sealed record EcgGap(string DeviceId, uint AfterSeq, uint BeforeSeq, long FromUnixMs, long ToUnixMs)
{
    public long MissingFrames => (long)BeforeSeq - AfterSeq - 1;
}
