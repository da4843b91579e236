using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace Emergency.Ingest.Security;

/// <summary>
/// One <see cref="TokenBucket"/> per registered device (by client id), sized by <c>Security:Devices</c>. A device keeps
/// its bucket across reconnects, so reconnecting does not refill it.
/// </summary>
public sealed class DeviceRateLimiter(IOptions<DeviceSecurityOptions> options, TimeProvider time)
{
    private readonly ConcurrentDictionary<string, TokenBucket> _buckets = new(StringComparer.Ordinal);
    private readonly DeviceSecurityOptions _options = options.Value;
    private readonly TimeProvider _time = time;

    public bool TryAcquire(string deviceId)
    {
        var bucket = _buckets.GetOrAdd(deviceId, static (_, s) => new TokenBucket(s._options.MaxFramesPerSecond, s._options.Burst, s._time.GetTimestamp()), this);
        return bucket.TryTake(_time.GetTimestamp(), _time.TimestampFrequency);
    }

    public string Describe() => $"{_options.MaxFramesPerSecond:0.##} frames/s, burst {_options.Burst}";
}
