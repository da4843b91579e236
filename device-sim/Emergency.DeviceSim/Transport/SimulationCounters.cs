using System.Collections.Concurrent;

namespace Emergency.DeviceSim.Transport;

/// <summary>Run-wide counters, updated lock-free from every device loop.</summary>
internal sealed class SimulationCounters
{
    /// <summary>Distinct refusal reasons kept; further ones are tallied under <see cref="OtherReasons"/>.</summary>
    public const int MaxDistinctReasons = 200;

    public const string OtherReasons = "(other reasons)";

    private readonly ConcurrentDictionary<string, long> _reasons = new(StringComparer.Ordinal);
    private long _generated;
    private long _sent;
    private long _acknowledged;
    private long _refusedByBroker;
    private long _rejectsReceived;
    private long _reconnects;
    private long _connectFailures;
    private int _connected;
    private int _devicesConnected;
    private string? _lastConnectError;
    private volatile bool _connectErrorIsCurrent;

    public long Generated => Interlocked.Read(ref _generated);

    public long Sent => Interlocked.Read(ref _sent);

    public long Acknowledged => Interlocked.Read(ref _acknowledged);

    public long RefusedByBroker => Interlocked.Read(ref _refusedByBroker);

    public long RejectsReceived => Interlocked.Read(ref _rejectsReceived);

    public long Refused => RefusedByBroker + RejectsReceived;

    public long Reconnects => Interlocked.Read(ref _reconnects);

    public long ConnectFailures => Interlocked.Read(ref _connectFailures);

    /// <summary>Devices connected right now.</summary>
    public int Connected => Volatile.Read(ref _connected);

    /// <summary>Devices that connected at least once.</summary>
    public int DevicesConnected => Volatile.Read(ref _devicesConnected);

    /// <summary>The most recent connect failure of the run.</summary>
    public string? LastConnectError => Volatile.Read(ref _lastConnectError);

    /// <summary>The most recent connect failure, unless a connect has succeeded since.</summary>
    public string? CurrentConnectError => _connectErrorIsCurrent ? LastConnectError : null;

    public void AddGenerated(int frames) => Interlocked.Add(ref _generated, frames);

    public void AddSent() => Interlocked.Increment(ref _sent);

    public void AddAcknowledged() => Interlocked.Increment(ref _acknowledged);

    public void AddRefusal(string reason, bool byBroker)
    {
        Interlocked.Increment(ref byBroker ? ref _refusedByBroker : ref _rejectsReceived);
        var key = _reasons.ContainsKey(reason) || _reasons.Count < MaxDistinctReasons ? reason : OtherReasons;
        _reasons.AddOrUpdate(key, 1, static (_, n) => n + 1);
    }

    public void AddConnectFailure(string? error)
    {
        Interlocked.Increment(ref _connectFailures);
        if (error is not null)
        {
            Volatile.Write(ref _lastConnectError, error);
            _connectErrorIsCurrent = true;
        }
    }

    public void OnConnected(bool firstTime)
    {
        _connectErrorIsCurrent = false;
        Interlocked.Increment(ref _connected);
        if (firstTime)
        {
            Interlocked.Increment(ref _devicesConnected);
        }
        else
        {
            Interlocked.Increment(ref _reconnects);
        }
    }

    public void OnDisconnected() => Interlocked.Decrement(ref _connected);

    public IReadOnlyList<RefusalCount> TopReasons(int count) =>
        [.. _reasons
            .OrderByDescending(kv => kv.Value)
            .ThenBy(kv => kv.Key, StringComparer.Ordinal)
            .Take(count)
            .Select(kv => new RefusalCount(kv.Key, kv.Value))];
}
