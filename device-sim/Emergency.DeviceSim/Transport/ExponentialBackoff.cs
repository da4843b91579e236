namespace Emergency.DeviceSim.Transport;

/// <summary>Reconnect delays: the first delay doubling per attempt up to a maximum, each scaled by a random 50–100 %.</summary>
internal sealed class ExponentialBackoff(TimeSpan initial, TimeSpan maximum, Random random)
{
    private int _attempt;

    public TimeSpan Next()
    {
        var exponent = Math.Min(_attempt, 30);
        _attempt++;
        var ceiling = Math.Min(maximum.TotalMilliseconds, initial.TotalMilliseconds * Math.Pow(2, exponent));
        return TimeSpan.FromMilliseconds(ceiling * (0.5 + random.NextDouble() * 0.5));
    }

    public void Reset() => _attempt = 0;
}
