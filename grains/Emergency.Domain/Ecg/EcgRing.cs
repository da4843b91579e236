using Emergency.Domain.Ecg.Wire;

namespace Emergency.Domain.Ecg;

/// <summary>
/// The last <see cref="Span"/> of one patient's ECG in memory, for the live analysis and the strip's first paint.
/// Blocks are kept in time order (a late block goes in its place); a block a device sent twice (same device and
/// seq) is not kept again. Not thread-safe: the owner locks.
/// </summary>
public sealed class EcgRing(TimeSpan span)
{
    private readonly List<EcgStoredBlock> _blocks = [];

    public TimeSpan Span { get; } = span > TimeSpan.Zero ? span : throw new ArgumentOutOfRangeException(nameof(span));

    public int Count => _blocks.Count;

    public IReadOnlyList<EcgStoredBlock> Blocks => _blocks;

    /// <summary>Adds a block; false when the same device's seq is already here (a resend).</summary>
    public bool Add(string deviceId, EcgBlock block)
    {
        for (var i = _blocks.Count - 1; i >= 0; i--)
        {
            if (_blocks[i].Block.Seq == block.Seq && _blocks[i].DeviceId == deviceId)
            {
                return false;
            }
        }
        var stored = new EcgStoredBlock(deviceId, block);
        var at = _blocks.Count;
        while (at > 0 && _blocks[at - 1].Block.StartUnixMs > block.StartUnixMs)
        {
            at--;
        }
        _blocks.Insert(at, stored);
        var keepFrom = _blocks[^1].Block.EndUnixMs - (long)Span.TotalMilliseconds;
        var drop = 0;
        while (drop < _blocks.Count - 1 && _blocks[drop].Block.EndUnixMs <= keepFrom)
        {
            drop++;
        }
        _blocks.RemoveRange(0, drop);
        return true;
    }

    /// <summary>Blocks overlapping [fromUnixMs, toUnixMs).</summary>
    public IReadOnlyList<EcgStoredBlock> Between(long fromUnixMs, long toUnixMs) =>
        [.. _blocks.Where(b => b.Block.EndUnixMs > fromUnixMs && b.Block.StartUnixMs < toUnixMs)];
}
