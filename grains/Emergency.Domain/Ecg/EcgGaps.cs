namespace Emergency.Domain.Ecg;

/// <summary>Finds lost frames by their device seq in blocks ordered by time.</summary>
public static class EcgGaps
{
    public static IReadOnlyList<EcgGap> Find(IEnumerable<EcgStoredBlock> blocks)
    {
        var gaps = new List<EcgGap>();
        foreach (var device in blocks.GroupBy(b => b.DeviceId))
        {
            EcgStoredBlock? previous = null;
            foreach (var block in device.OrderBy(b => b.Block.Seq))
            {
                if (previous is not null && block.Block.Seq > previous.Block.Seq + 1)
                {
                    gaps.Add(new EcgGap(device.Key, previous.Block.Seq, block.Block.Seq, previous.Block.EndUnixMs, block.Block.StartUnixMs));
                }
                previous = block;
            }
        }
        return gaps;
    }
}
