namespace Emergency.DeviceSim.Tests;

/// <summary>
/// Tests that run the simulation in real time. They run alone (not next to the CPU-heavy physiology tests) and
/// with enough thread-pool threads: the test host blocks some of the few it starts with on small machines, and
/// timers then fire hundreds of milliseconds late while the pool slowly injects threads.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TimingCollection : ICollectionFixture<ThreadPoolHeadroom>
{
    public const string Name = "Real-time simulation";
}

public sealed class ThreadPoolHeadroom
{
    public ThreadPoolHeadroom()
    {
        ThreadPool.GetMinThreads(out var workers, out var io);
        ThreadPool.SetMinThreads(Math.Max(workers, 32), Math.Max(io, 32));
    }
}
