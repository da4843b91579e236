using System.Collections.Concurrent;

namespace Emergency.Dashboard.Security;

/// <summary>
/// Counts wrong passwords per user name and per client address within a sliding window; past the limit, sign-in is
/// refused (429) until the oldest failure leaves the window, so guessing a password costs hours, not seconds.
/// </summary>
public sealed class SignInThrottle(SignInOptions options, TimeProvider time)
{
    private readonly ConcurrentDictionary<string, Queue<DateTimeOffset>> _failures = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>How long until the next attempt for this name or address may be tried; null when it may be tried now.</summary>
    public TimeSpan? RetryAfter(string userName, string address)
    {
        var now = time.GetUtcNow();
        var wait = new[] { Wait("user:" + userName, options.MaxFailures, now), Wait("ip:" + address, options.MaxFailuresPerAddress, now) }.Max();
        return wait > TimeSpan.Zero ? wait : null;
    }

    public void Failed(string userName, string address)
    {
        var now = time.GetUtcNow();
        Add("user:" + userName, now);
        Add("ip:" + address, now);
    }

    /// <summary>A right password forgets the name's failures (the address's stay: one address may guess many names).</summary>
    public void Succeeded(string userName) => _failures.TryRemove("user:" + userName, out _);

    private void Add(string key, DateTimeOffset now)
    {
        var queue = _failures.GetOrAdd(key, _ => new Queue<DateTimeOffset>());
        lock (queue)
        {
            Trim(queue, now);
            queue.Enqueue(now);
        }
    }

    private TimeSpan Wait(string key, int limit, DateTimeOffset now)
    {
        if (!_failures.TryGetValue(key, out var queue)) return TimeSpan.Zero;
        lock (queue)
        {
            Trim(queue, now);
            return queue.Count >= limit ? queue.Peek() + options.FailureWindow - now : TimeSpan.Zero;
        }
    }

    private void Trim(Queue<DateTimeOffset> queue, DateTimeOffset now)
    {
        while (queue.Count > 0 && queue.Peek() + options.FailureWindow <= now) queue.Dequeue();
    }
}
