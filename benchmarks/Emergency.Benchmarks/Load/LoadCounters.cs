namespace Emergency.Benchmarks.Load;

/// <summary>What one phase of a run counted (warm-up and measurement each get their own).</summary>
public sealed class LoadCounters
{
    private long _sent, _acked, _refused, _failed, _delivered;

    public LatencyHistogram Ack { get; } = new();
    public LatencyHistogram Delivery { get; } = new();

    public long Sent => Interlocked.Read(ref _sent);
    public long Acked => Interlocked.Read(ref _acked);
    public long Refused => Interlocked.Read(ref _refused);
    public long Failed => Interlocked.Read(ref _failed);
    public long Delivered => Interlocked.Read(ref _delivered);

    public void CountSent() => Interlocked.Increment(ref _sent);
    public void CountAcked() => Interlocked.Increment(ref _acked);
    public void CountRefused() => Interlocked.Increment(ref _refused);
    public void CountFailed() => Interlocked.Increment(ref _failed);
    public void CountDelivered() => Interlocked.Increment(ref _delivered);
}
