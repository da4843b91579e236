namespace Emergency.Ingest.Journaling;

/// <summary>Configuration section <c>History:Consumer</c>.</summary>
public sealed class HistoryConsumerOptions
{
    public const string Section = "History:Consumer";

    /// <summary>Most journal records written to the store in one batch.</summary>
    public int BatchSize { get; set; } = 5_000;

    /// <summary>First wait after a failed write; doubles up to <see cref="MaxRetryDelay"/>.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromMilliseconds(500);
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Readiness says "degraded" while the consumer is this far behind the journal, or failing.</summary>
    public long DegradedLagBytes { get; set; } = 16L * 1024 * 1024;

    /// <summary>...or while one write has been under way this long (a hung database, before its timeouts fire).</summary>
    public TimeSpan DegradedWriteTime { get; set; } = TimeSpan.FromSeconds(5);
}
