namespace Emergency.Ingest.Security;

/// <summary>
/// A token bucket: holds up to <c>burst</c> tokens, refills at <c>ratePerSecond</c>, one token per frame. Allows short
/// bursts (a monitor flushing its store-and-forward buffer) while holding the long-run rate.
/// </summary>
public sealed class TokenBucket
{
    private readonly double _ratePerSecond;
    private readonly double _burst;
    private readonly Lock _lock = new();
    private double _tokens;
    private long _lastTimestamp;

    public TokenBucket(double ratePerSecond, int burst, long nowTimestamp)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(ratePerSecond);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(burst);
        _ratePerSecond = ratePerSecond;
        _burst = burst;
        _tokens = burst;
        _lastTimestamp = nowTimestamp;
    }

    /// <summary>Takes one token if there is one. <paramref name="nowTimestamp"/> and <paramref name="timestampFrequency"/> as <see cref="TimeProvider.GetTimestamp"/>.</summary>
    public bool TryTake(long nowTimestamp, long timestampFrequency)
    {
        lock (_lock)
        {
            var elapsed = Math.Max(0, nowTimestamp - _lastTimestamp) / (double)timestampFrequency;
            _tokens = Math.Min(_burst, _tokens + elapsed * _ratePerSecond);
            _lastTimestamp = nowTimestamp;
            if (_tokens < 1)
            {
                return false;
            }
            _tokens -= 1;
            return true;
        }
    }
}
