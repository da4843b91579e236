namespace Emergency.History;

/// <summary>Settings of <see cref="SqliteHistoryStore"/> (configuration section <c>History:Sqlite</c> by convention).</summary>
public sealed class SqliteHistoryOptions
{
    /// <summary>Database file; its folder is created when missing. Relative paths are resolved against the current directory.</summary>
    public string Path { get; set; } = System.IO.Path.Combine("data", "history", "vitals.db");

    /// <summary>How many rows one retention pass deletes per transaction, so writers wait at most that long.</summary>
    public int DeleteChunkSize { get; set; } = 10_000;

    internal void Validate()
    {
        if (string.IsNullOrWhiteSpace(Path))
        {
            throw new ArgumentException("SqliteHistoryOptions.Path is required.");
        }
        if (DeleteChunkSize < 1)
        {
            throw new ArgumentException($"SqliteHistoryOptions.DeleteChunkSize must be positive, was {DeleteChunkSize}.");
        }
    }
}
