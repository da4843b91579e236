using Microsoft.Data.Sqlite;

namespace Emergency.Dashboard.Security;

/// <summary>
/// The append-only audit log: a SQLite table that this code only inserts into, with triggers that refuse any UPDATE or
/// DELETE. An entry is committed before the access it records is answered; when it cannot be, the caller refuses the
/// access (503), since unaudited access to patient data is not allowed.
/// </summary>
public sealed class AuditLog : IDisposable
{
    private readonly SqliteConnection _connection;
    private readonly SemaphoreSlim _gate = new(1, 1);

    public AuditLog(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        _connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        _connection.Open();
        Execute("""
            PRAGMA journal_mode = WAL;
            PRAGMA synchronous = FULL;
            CREATE TABLE IF NOT EXISTS audit (
              id INTEGER PRIMARY KEY AUTOINCREMENT,
              at_ms INTEGER NOT NULL,
              user TEXT, role TEXT, action TEXT NOT NULL,
              patient_id TEXT, hospital_id TEXT, unit_id TEXT, region TEXT, target TEXT,
              remote_address TEXT, user_agent TEXT, outcome TEXT NOT NULL, status INTEGER);
            CREATE INDEX IF NOT EXISTS audit_patient ON audit (patient_id, at_ms);
            CREATE INDEX IF NOT EXISTS audit_user ON audit (user, at_ms);
            CREATE TRIGGER IF NOT EXISTS audit_no_update BEFORE UPDATE ON audit BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
            CREATE TRIGGER IF NOT EXISTS audit_no_delete BEFORE DELETE ON audit BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
            """);
    }

    public static string DefaultPath(string dataDirectory) => Path.Combine(dataDirectory, "security", "audit.db");

    /// <summary>Commits the entries in one transaction (durable on return); throws when they could not be stored.</summary>
    public async Task AppendAsync(IReadOnlyCollection<AuditEntry> entries, CancellationToken cancellationToken = default)
    {
        if (entries.Count == 0) return;
        await _gate.WaitAsync(cancellationToken);
        try
        {
            await using var transaction = (SqliteTransaction)await _connection.BeginTransactionAsync(cancellationToken);
            await using var insert = _connection.CreateCommand();
            insert.Transaction = transaction;
            insert.CommandText = """
                INSERT INTO audit (at_ms, user, role, action, patient_id, hospital_id, unit_id, region, target, remote_address, user_agent, outcome, status)
                VALUES ($at, $user, $role, $action, $patient, $hospital, $unit, $region, $target, $address, $agent, $outcome, $status)
                """;
            var parameters = new[] { "$at", "$user", "$role", "$action", "$patient", "$hospital", "$unit", "$region", "$target", "$address", "$agent", "$outcome", "$status" }
                .Select(name => insert.Parameters.Add(new SqliteParameter { ParameterName = name })).ToArray();
            foreach (var e in entries)
            {
                object?[] values = [e.At.ToUnixTimeMilliseconds(), e.User, e.Role, e.Action, e.PatientId, e.HospitalId, e.UnitId, e.Region,
                    e.Target, e.RemoteAddress, Clip(e.UserAgent, 256), e.Outcome, e.Status];
                for (var i = 0; i < values.Length; i++) parameters[i].Value = values[i] ?? DBNull.Value;
                await insert.ExecuteNonQueryAsync(cancellationToken);
            }
            await transaction.CommitAsync(cancellationToken);
        }
        finally
        {
            _gate.Release();
        }
    }

    public Task AppendAsync(AuditEntry entry, CancellationToken cancellationToken = default) => AppendAsync([entry], cancellationToken);

    /// <summary>Entries matching every given filter, newest first.</summary>
    public async Task<IReadOnlyList<AuditEntry>> QueryAsync(AuditQuery query, CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            await using var select = _connection.CreateCommand();
            var where = new List<string>();
            if (query.PatientId is { } patient) { where.Add("patient_id = $patient"); select.Parameters.AddWithValue("$patient", patient); }
            if (query.User is { } user) { where.Add("user = $user"); select.Parameters.AddWithValue("$user", user); }
            if (query.From is { } from) { where.Add("at_ms >= $from"); select.Parameters.AddWithValue("$from", from.ToUnixTimeMilliseconds()); }
            if (query.To is { } to) { where.Add("at_ms < $to"); select.Parameters.AddWithValue("$to", to.ToUnixTimeMilliseconds()); }
            select.CommandText = $"""
                SELECT id, at_ms, user, role, action, patient_id, hospital_id, unit_id, region, target, remote_address, user_agent, outcome, status
                FROM audit {(where.Count > 0 ? "WHERE " + string.Join(" AND ", where) : "")} ORDER BY id DESC LIMIT $limit
                """;
            select.Parameters.AddWithValue("$limit", query.Limit);
            var entries = new List<AuditEntry>();
            await using var reader = await select.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                string? Text(int i) => reader.IsDBNull(i) ? null : reader.GetString(i);
                entries.Add(new AuditEntry(DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(1)), Text(2), Text(3), reader.GetString(4),
                    Text(5), Text(6), Text(7), Text(8), Text(9), Text(10), Text(11), reader.GetString(12),
                    reader.IsDBNull(13) ? null : reader.GetInt32(13), reader.GetInt64(0)));
            }
            return entries;
        }
        finally
        {
            _gate.Release();
        }
    }

    private void Execute(string sql)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static string? Clip(string? text, int max) => text is { Length: > 0 } t && t.Length > max ? t[..max] : text;

    public void Dispose()
    {
        _connection.Dispose();
        _gate.Dispose();
    }
}
