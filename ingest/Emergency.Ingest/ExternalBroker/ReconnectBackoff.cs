namespace Emergency.Ingest.ExternalBroker;

/// <summary>Doubling delays with ±20 % jitter, so nodes that lost the broker together do not reconnect in step.</summary>
public sealed class ReconnectBackoff
{
    private readonly TimeSpan _min;
    private readonly TimeSpan _max;
    private TimeSpan _next;

    public ReconnectBackoff(TimeSpan min, TimeSpan max)
    {
        _min = min;
        _max = max;
        _next = min;
    }

    public TimeSpan Next()
    {
        var delay = _next;
        _next = TimeSpan.FromTicks(Math.Min(_max.Ticks, _next.Ticks * 2));
        return delay * (0.8 + Random.Shared.NextDouble() * 0.4);
    }

    public void Reset() => _next = _min;
}
