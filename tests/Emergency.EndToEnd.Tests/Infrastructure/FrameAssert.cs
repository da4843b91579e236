namespace Emergency.EndToEnd.Tests.Infrastructure;

/// <summary>Comparisons of what a <see cref="TestFleet"/> sent with what a history store holds.</summary>
public static class FrameAssert
{
    /// <summary>Every frame sent is one row, with its own seq and device time; nothing else is stored.</summary>
    public static void StoredExactlyOnce(IReadOnlyDictionary<FrameKey, SentFrame> sent, IReadOnlyList<StoredPoint> rows)
    {
        var duplicates = rows.GroupBy(r => new FrameKey(r.DeviceId, r.Seq)).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        Assert.True(duplicates.Count == 0, $"{duplicates.Count} frames stored more than once: {string.Join(", ", duplicates.Take(20))}");
        Assert.Equal(rows.Count, rows.Select(r => (r.DeviceId, r.TimestampMs)).Distinct().Count());
        var stored = rows.ToDictionary(r => new FrameKey(r.DeviceId, r.Seq));
        var missing = sent.Keys.Where(k => !stored.ContainsKey(k)).OrderBy(k => k.DeviceId).ThenBy(k => k.Seq).ToList();
        Assert.True(missing.Count == 0, $"{missing.Count} frames sent are not stored: {string.Join(", ", missing.Take(20))}");
        var extra = stored.Keys.Where(k => !sent.ContainsKey(k)).ToList();
        Assert.True(extra.Count == 0, $"{extra.Count} stored frames were never sent: {string.Join(", ", extra.Take(20))}");
        var wrongTime = sent.Where(s => stored[s.Key].TimestampMs != s.Value.TimestampMs).Select(s => s.Key).ToList();
        Assert.True(wrongTime.Count == 0, $"{wrongTime.Count} frames stored with another device time: {string.Join(", ", wrongTime.Take(20))}");
    }
}
