namespace Emergency.Grains.Persistence;

/// <summary>Configuration section <c>Persistence</c>: where grain state is stored and how often it is snapshotted.</summary>
public sealed class PersistenceOptions
{
    public const string Section = "Persistence";

    /// <summary>
    /// <c>Sqlite</c> (default): <c>{Data:Directory}/state.db</c>, survives restarts. <c>Memory</c>: lost with the
    /// process, for grain tests. Another provider registered under <see cref="GrainStorageNames.State"/> replaces both.
    /// </summary>
    public GrainStateProvider Provider { get; set; } = GrainStateProvider.Sqlite;

    /// <summary>The SQLite file; <c>{Data:Directory}/state.db</c> unless set.</summary>
    public string? File { get; set; }

    /// <summary>
    /// Vitals-derived state (latest values, window, scores, alert timers, seq high-water marks) of a grain that changed
    /// is written at most this often; what happened since is recovered from the ingest journal after a crash.
    /// </summary>
    public TimeSpan SnapshotInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// How long a state write waits for the store (e.g. a SQLite file locked by another writer) before it fails: a
    /// person's change then answers 503 rather than hanging.
    /// </summary>
    public TimeSpan WriteTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How many grains flush their snapshot at once in one snapshot round.</summary>
    public int SnapshotConcurrency { get; set; } = 16;
}

public enum GrainStateProvider
{
    Sqlite,
    Memory,
}
