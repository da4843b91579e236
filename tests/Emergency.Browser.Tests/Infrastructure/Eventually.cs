using System.Diagnostics;

namespace Emergency.Browser.Tests.Infrastructure;

/// <summary>Polls an HTTP-side condition until it holds (the page side waits with Playwright's own assertions).</summary>
public static class Eventually
{
    public static async Task<T> Until<T>(Func<Task<T>> read, Func<T, bool> done, TimeSpan within, string what)
    {
        var watch = Stopwatch.StartNew();
        T last;
        while (true)
        {
            last = await read();
            if (done(last)) return last;
            if (watch.Elapsed > within) break;
            await Task.Delay(100);
        }
        throw new TimeoutException($"{what}: not within {within}; last: {last}");
    }
}
