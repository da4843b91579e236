namespace Emergency.History;

/// <summary>Settings of <see cref="SqliteHistoryStore"/> (configuration section <c>History:Sqlite</c> by convention).</summary>
public sealed class SqliteHistoryOptions
{
    /// <summary>Database file; its folder is created when missing. Relative paths are resolved against the current directory.</summary>
    public string Path { get; set; } = System.IO.Path.Combine("data", "history", "vitals.db");

    /// <summary>
    /// How long points are kept (by device time), or null to keep them all. Applied by <see cref="SqliteRetentionService"/>
    /// when the host registers it (<see cref="HistoryServiceCollectionExtensions.AddVitalsHistory"/> does when this is set).
    /// </summary>
    public TimeSpan? Retention { get; set; }

    /// <summary>How often the retention service deletes expired points.</summary>
    public TimeSpan RetentionInterval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How many rows one retention pass deletes per transaction, so writers wait at most that long.</summary>
    public int DeleteChunkSize { get; set; } = 10_000;

    internal void Validate()
    {
        if (string.IsNullOrWhiteSpace(Path))
        {
            throw new ArgumentException("SqliteHistoryOptions.Path is required.");
        }
        if (Retention is { } retention && retention <= TimeSpan.Zero)
        {
            throw new ArgumentException($"SqliteHistoryOptions.Retention must be positive, was {retention}.");
        }
        if (RetentionInterval <= TimeSpan.Zero)
        {
            throw new ArgumentException($"SqliteHistoryOptions.RetentionInterval must be positive, was {RetentionInterval}.");
        }
        if (DeleteChunkSize < 1)
        {
            throw new ArgumentException($"SqliteHistoryOptions.DeleteChunkSize must be positive, was {DeleteChunkSize}.");
        }
    }
}
