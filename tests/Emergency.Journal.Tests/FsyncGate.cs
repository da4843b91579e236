namespace Emergency.Journal.Tests;

/// <summary>
/// Holds the writer loop at its first fsync (the records are written, not yet durable) until released, so that a
/// test can queue appends behind it. Later fsyncs pass.
/// </summary>
internal sealed class FsyncGate : IDisposable
{
    private readonly SemaphoreSlim _reached = new(0);
    private readonly SemaphoreSlim _release = new(0);
    private int _used;

    /// <summary>Installs the gate; <paramref name="fault"/> may inject further faults at any point.</summary>
    public FsyncGate(JournalWriter writer, Func<string, Exception?>? fault = null) =>
        writer.FaultInjection = point =>
        {
            if (point == "fsync" && Interlocked.Exchange(ref _used, 1) == 0)
            {
                _reached.Release();
                _release.Wait(Journals.Timeout);
            }

            return fault?.Invoke(point);
        };

    /// <summary>Completes once the writer is held at the gate.</summary>
    public async Task ReachedAsync() => Assert.True(await _reached.WaitAsync(Journals.Timeout), "the writer never reached its fsync");

    public void Release() => _release.Release();

    public void Dispose()
    {
        _reached.Dispose();
        _release.Dispose();
    }
}
