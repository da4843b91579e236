using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Orleans.Serialization;
using Orleans.Storage;

namespace Emergency.Grains.Persistence;

/// <summary>
/// Orleans grain storage in one SQLite file (WAL, synchronous FULL: a write that returned is on disk). One row per
/// (state name, grain id) holding the state in the Orleans serializer's format, which is tolerant of added and removed
/// <c>[Id]</c> members, so state types evolve by adding ids and never reusing one. The ETag is a version number: a
/// write or clear with an ETag other than the stored one fails with <see cref="InconsistentStateException"/>.
/// </summary>
public sealed class SqliteGrainStorage : IGrainStorage, IDisposable
{
    private readonly SqliteConnection _connection;
    private readonly Serializer _serializer;
    private readonly ILogger<SqliteGrainStorage> _logger;
    // One connection, one statement at a time: SQLite has a single writer anyway, and reads are short.
    private readonly SemaphoreSlim _gate = new(1, 1);

    private readonly int _timeoutSeconds;

    /// <param name="writeTimeout">How long a statement waits for a lock held by another writer (whole seconds, at least 1).</param>
    public SqliteGrainStorage(string file, Serializer serializer, ILogger<SqliteGrainStorage> logger, TimeSpan? writeTimeout = null)
    {
        _timeoutSeconds = Math.Max(1, (int)Math.Ceiling((writeTimeout ?? TimeSpan.FromSeconds(5)).TotalSeconds));
        _serializer = serializer;
        _logger = logger;
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(file))!);
        _connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = file, Pooling = false }.ToString());
        _connection.Open();
        Execute("PRAGMA journal_mode=WAL;");
        Execute("PRAGMA synchronous=FULL;");
        Execute("""
            CREATE TABLE IF NOT EXISTS grain_state (
                state_name TEXT NOT NULL,
                grain_id   TEXT NOT NULL,
                version    INTEGER NOT NULL,
                payload    BLOB NOT NULL,
                written_at INTEGER NOT NULL,
                PRIMARY KEY (state_name, grain_id)
            ) WITHOUT ROWID;
            """);
        File = file;
    }

    public string File { get; }

    public async Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        await _gate.WaitAsync();
        try
        {
            using var command = _connection.CreateCommand();
            command.CommandText = "SELECT version, payload FROM grain_state WHERE state_name = $name AND grain_id = $id";
            command.Parameters.AddWithValue("$name", stateName);
            command.Parameters.AddWithValue("$id", grainId.ToString());
            using var reader = command.ExecuteReader();
            if (!reader.Read())
            {
                grainState.State = Activator.CreateInstance<T>();
                grainState.ETag = null;
                grainState.RecordExists = false;
                return;
            }
            var version = reader.GetInt64(0);
            var payload = (byte[])reader.GetValue(1);
            grainState.State = _serializer.Deserialize<T>(payload);
            grainState.ETag = version.ToString(System.Globalization.CultureInfo.InvariantCulture);
            grainState.RecordExists = true;
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        // Serialized before waiting, on the grain's turn: the grain's objects are not read later from another thread.
        var payload = _serializer.SerializeToArray(grainState.State);
        var expected = ParseETag(grainState.ETag);
        await _gate.WaitAsync();
        try
        {
            using var command = _connection.CreateCommand();
            command.CommandTimeout = _timeoutSeconds;
            command.Parameters.AddWithValue("$name", stateName);
            command.Parameters.AddWithValue("$id", grainId.ToString());
            command.Parameters.AddWithValue("$payload", payload);
            command.Parameters.AddWithValue("$at", DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
            if (expected is null)
            {
                command.CommandText = """
                    INSERT INTO grain_state (state_name, grain_id, version, payload, written_at)
                    VALUES ($name, $id, 1, $payload, $at) ON CONFLICT DO NOTHING
                    """;
            }
            else
            {
                command.CommandText = """
                    UPDATE grain_state SET version = version + 1, payload = $payload, written_at = $at
                    WHERE state_name = $name AND grain_id = $id AND version = $version
                    """;
                command.Parameters.AddWithValue("$version", expected.Value);
            }
            if (command.ExecuteNonQuery() != 1)
            {
                throw Inconsistent(stateName, grainId, grainState.ETag);
            }
            grainState.ETag = ((expected ?? 0) + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
            grainState.RecordExists = true;
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var expected = ParseETag(grainState.ETag);
        await _gate.WaitAsync();
        try
        {
            using var command = _connection.CreateCommand();
            command.CommandTimeout = _timeoutSeconds;
            command.CommandText = "DELETE FROM grain_state WHERE state_name = $name AND grain_id = $id AND version = $version";
            command.Parameters.AddWithValue("$name", stateName);
            command.Parameters.AddWithValue("$id", grainId.ToString());
            command.Parameters.AddWithValue("$version", expected ?? -1);
            if (expected is not null && command.ExecuteNonQuery() != 1)
            {
                throw Inconsistent(stateName, grainId, grainState.ETag);
            }
            grainState.State = Activator.CreateInstance<T>();
            grainState.ETag = null;
            grainState.RecordExists = false;
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose()
    {
        _connection.Dispose();
        _gate.Dispose();
    }

    private InconsistentStateException Inconsistent(string stateName, GrainId grainId, string? etag)
    {
        _logger.LogWarning("Grain state {StateName} of {GrainId}: stored version differs from ETag {ETag}", stateName, grainId, etag ?? "(none)");
        return new InconsistentStateException($"{stateName} of {grainId}: the stored version is not {etag ?? "absent"}", "unknown", etag ?? "none");
    }

    private static long? ParseETag(string? etag) =>
        etag is null ? null : long.Parse(etag, System.Globalization.CultureInfo.InvariantCulture);

    private void Execute(string sql)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
