using System.Collections.Concurrent;
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
/// <remarks>
/// Statements run on one thread of the storage's own, never on a grain's (a commit waits for the disk, and a silo on
/// two cores has two scheduler threads). Writes queued together, as a snapshot round queues them, go into one
/// transaction: one disk flush for the lot instead of one per grain. Each write still keeps its own ETag check and
/// its own answer, and none is answered before the transaction holding it is committed.
/// </remarks>
public sealed class SqliteGrainStorage : IGrainStorage, IDisposable
{
    /// <summary>Enough to make one flush cheap per write, small enough that one transaction stays short.</summary>
    private const int MaxWritesPerCommit = 512;

    private readonly SqliteConnection _connection;
    private readonly Serializer _serializer;
    private readonly ILogger<SqliteGrainStorage> _logger;
    private readonly BlockingCollection<Operation> _operations = new();
    private readonly Thread _worker;

    private readonly int _timeoutSeconds;

    /// <param name="writeTimeout">How long a statement waits for a lock held by another writer (whole seconds, at least 1).</param>
    public SqliteGrainStorage(string file, Serializer serializer, ILogger<SqliteGrainStorage> logger, TimeSpan? writeTimeout = null)
    {
        _timeoutSeconds = Math.Max(1, (int)Math.Ceiling((writeTimeout ?? TimeSpan.FromSeconds(5)).TotalSeconds));
        _serializer = serializer;
        _logger = logger;
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(file))!);
        _connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = file,
            Pooling = false,
            DefaultTimeout = _timeoutSeconds,
        }.ToString());
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
        _worker = new Thread(Work) { IsBackground = true, Name = "grain-state-sqlite" };
        _worker.Start();
    }

    public string File { get; }

    public async Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var read = new Read(stateName, grainId.ToString());
        Enqueue(read);
        var found = await read.Done.Task;
        if (found is null)
        {
            grainState.State = Activator.CreateInstance<T>();
            grainState.ETag = null;
            grainState.RecordExists = false;
            return;
        }
        grainState.State = _serializer.Deserialize<T>(found.Value.Payload);
        grainState.ETag = found.Value.Version.ToString(System.Globalization.CultureInfo.InvariantCulture);
        grainState.RecordExists = true;
    }

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        // Serialized before queueing, on the grain's turn: the grain's objects are not read later from another thread.
        var payload = _serializer.SerializeToArray(grainState.State);
        var expected = ParseETag(grainState.ETag);
        var write = new Write(stateName, grainId.ToString(), payload, expected);
        Enqueue(write);
        if (!await write.Done.Task)
        {
            throw Inconsistent(stateName, grainId, grainState.ETag);
        }
        grainState.ETag = ((expected ?? 0) + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
        grainState.RecordExists = true;
    }

    public async Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var expected = ParseETag(grainState.ETag);
        if (expected is not null)
        {
            var clear = new Clear(stateName, grainId.ToString(), expected.Value);
            Enqueue(clear);
            if (!await clear.Done.Task)
            {
                throw Inconsistent(stateName, grainId, grainState.ETag);
            }
        }
        grainState.State = Activator.CreateInstance<T>();
        grainState.ETag = null;
        grainState.RecordExists = false;
    }

    public void Dispose()
    {
        // What was queued is still executed and answered before the file is closed.
        _operations.CompleteAdding();
        _worker.Join();
        _connection.Dispose();
        _operations.Dispose();
    }

    private void Enqueue(Operation operation)
    {
        try
        {
            _operations.Add(operation);
        }
        catch (InvalidOperationException)
        {
            throw new ObjectDisposedException(nameof(SqliteGrainStorage), "the grain state store is closed");
        }
    }

    private void Work()
    {
        var writes = new List<Write>(MaxWritesPerCommit);
        foreach (var first in _operations.GetConsumingEnumerable())
        {
            Operation? pending = first;
            while (pending is not null)
            {
                if (pending is not Write write)
                {
                    Run(pending);
                    break;
                }
                writes.Add(write);
                pending = null;
                // Whatever else is already waiting joins this transaction; a read or clear waits for its commit.
                while (writes.Count < MaxWritesPerCommit && _operations.TryTake(out var more))
                {
                    if (more is Write another)
                    {
                        writes.Add(another);
                    }
                    else
                    {
                        pending = more;
                        break;
                    }
                }
                Commit(writes);
                writes.Clear();
            }
        }
    }

    private void Commit(List<Write> writes)
    {
        var outcomes = new bool[writes.Count];
        try
        {
            using var transaction = _connection.BeginTransaction();
            var at = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
            for (var i = 0; i < writes.Count; i++)
            {
                outcomes[i] = Execute(writes[i], at);
            }
            transaction.Commit();
        }
        catch (Exception ex)
        {
            // Nothing of this transaction is stored: every write in it fails, and its grain stays as it was.
            writes.ForEach(w => w.Done.TrySetException(ex));
            return;
        }
        for (var i = 0; i < writes.Count; i++)
        {
            writes[i].Done.TrySetResult(outcomes[i]);
        }
    }

    private bool Execute(Write write, long at)
    {
        using var command = _connection.CreateCommand();
        command.CommandTimeout = _timeoutSeconds;
        command.Parameters.AddWithValue("$name", write.StateName);
        command.Parameters.AddWithValue("$id", write.GrainId);
        command.Parameters.AddWithValue("$payload", write.Payload);
        command.Parameters.AddWithValue("$at", at);
        if (write.Expected is null)
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
            command.Parameters.AddWithValue("$version", write.Expected.Value);
        }
        return command.ExecuteNonQuery() == 1;
    }

    private void Run(Operation operation)
    {
        switch (operation)
        {
            case Read read:
                try
                {
                    using var command = _connection.CreateCommand();
                    command.CommandText = "SELECT version, payload FROM grain_state WHERE state_name = $name AND grain_id = $id";
                    command.Parameters.AddWithValue("$name", read.StateName);
                    command.Parameters.AddWithValue("$id", read.GrainId);
                    using var reader = command.ExecuteReader();
                    read.Done.TrySetResult(reader.Read() ? (reader.GetInt64(0), (byte[])reader.GetValue(1)) : null);
                }
                catch (Exception ex)
                {
                    read.Done.TrySetException(ex);
                }
                break;
            case Clear clear:
                try
                {
                    using var command = _connection.CreateCommand();
                    command.CommandTimeout = _timeoutSeconds;
                    command.CommandText = "DELETE FROM grain_state WHERE state_name = $name AND grain_id = $id AND version = $version";
                    command.Parameters.AddWithValue("$name", clear.StateName);
                    command.Parameters.AddWithValue("$id", clear.GrainId);
                    command.Parameters.AddWithValue("$version", clear.Expected);
                    clear.Done.TrySetResult(command.ExecuteNonQuery() == 1);
                }
                catch (Exception ex)
                {
                    clear.Done.TrySetException(ex);
                }
                break;
        }
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

    private abstract record Operation(string StateName, string GrainId);

    private sealed record Read(string StateName, string GrainId) : Operation(StateName, GrainId)
    {
        public TaskCompletionSource<(long Version, byte[] Payload)?> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    /// <summary>Answers whether the row was written (false: another version is stored).</summary>
    private sealed record Write(string StateName, string GrainId, byte[] Payload, long? Expected) : Operation(StateName, GrainId)
    {
        public TaskCompletionSource<bool> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    private sealed record Clear(string StateName, string GrainId, long Expected) : Operation(StateName, GrainId)
    {
        public TaskCompletionSource<bool> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
