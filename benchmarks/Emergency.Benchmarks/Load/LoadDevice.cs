using System.Diagnostics;

namespace Emergency.Benchmarks.Load;

/// <summary>
/// One simulated device of the load harness: its topic, patient and seq, and the publish times of its last frames
/// (keyed by the frame's <c>ts</c>), so a push or a subscriber's copy that names a <c>ts</c> finds when it was sent.
/// </summary>
public sealed class LoadDevice(string deviceId, string patientId, string region)
{
    private const int Remembered = 32;
    private readonly long[] _ts = new long[Remembered];
    private readonly long[] _publishedAt = new long[Remembered];
    private long _lastTs;
    private long _lastAckedTs;
    private long _lastDeliveredTs;

    public string DeviceId { get; } = deviceId;
    public string PatientId { get; } = patientId;
    public string Topic { get; } = $"ems/{region}/ambulance/{deviceId}/vitals";
    public long Seq { get; private set; }

    /// <summary>The newest frame acknowledged with success (its <c>ts</c>).</summary>
    public long LastAckedTs => Interlocked.Read(ref _lastAckedTs);

    /// <summary>The newest frame seen on the delivery side (push or subscriber).</summary>
    public long LastDeliveredTs => Interlocked.Read(ref _lastDeliveredTs);

    /// <summary>Takes the next seq and a unique, rising <c>ts</c> (wall-clock milliseconds), and remembers when it left.</summary>
    public (long Seq, long Ts) Next()
    {
        var ts = Math.Max(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(), _lastTs + 1);
        _lastTs = ts;
        Seq++;
        var slot = (int)(Seq % Remembered);
        Volatile.Write(ref _publishedAt[slot], Stopwatch.GetTimestamp());
        Volatile.Write(ref _ts[slot], ts);
        return (Seq, ts);
    }

    public void Acked(long ts) => RaiseTo(ref _lastAckedTs, ts);

    /// <summary>When the frame stamped <paramref name="ts"/> was published, if it is among the last ones.</summary>
    public long? PublishedAt(long ts)
    {
        for (var i = 0; i < Remembered; i++)
        {
            if (Volatile.Read(ref _ts[i]) == ts) return Volatile.Read(ref _publishedAt[i]);
        }
        return null;
    }

    public void Delivered(long ts) => RaiseTo(ref _lastDeliveredTs, ts);

    private static void RaiseTo(ref long field, long value)
    {
        var current = Interlocked.Read(ref field);
        while (value > current)
        {
            var seen = Interlocked.CompareExchange(ref field, value, current);
            if (seen == current) return;
            current = seen;
        }
    }
}
