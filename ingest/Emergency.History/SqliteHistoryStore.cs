using System.Diagnostics;
using System.Diagnostics.Metrics;
using Emergency.Domain.Devices;
using Emergency.Domain.Vitals;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Emergency.History;

/// <summary>
/// Vitals history in an embedded SQLite file: the default when no InfluxDB is configured (schema in SCHEMA.md).
/// </summary>
/// <remarks>
/// <para>
/// Durability. The file runs in WAL mode with <c>synchronous=NORMAL</c>: a committed batch survives a crash of the
/// process, and only a power loss or OS crash can lose the last transactions. That is acceptable because the
/// ingest journal, not this file, is the source of truth: the consumer replays from its cursor, and writes are
/// idempotent (<c>INSERT OR REPLACE</c> on the point's key), so a replay restores whatever was lost.
/// </para>
/// <para>
/// Concurrency. One writer connection, guarded by a lock, keeps a prepared insert; each batch is one transaction.
/// Queries open their own (pooled) connections and read a consistent snapshot while writes go on.
/// </para>
/// <para>
/// Retention. <see cref="DeleteOlderThanAsync"/> deletes by device time in chunks. The host schedules it, e.g. a
/// background service with a <see cref="PeriodicTimer"/> calling it hourly with <c>now − retention</c>.
/// </para>
/// </remarks>
public sealed class SqliteHistoryStore : IVitalsHistory, IDisposable
{
    private const string Schema = """
        CREATE TABLE IF NOT EXISTS vitals (
            patient     TEXT    NOT NULL,
            device_kind TEXT    NOT NULL,
            device      TEXT    NOT NULL,
            ts_ms       INTEGER NOT NULL,
            seq         INTEGER NOT NULL,
            region      TEXT    NOT NULL,
            hr          REAL,
            rr          REAL,
            spo2        REAL,
            sbp         REAL,
            dbp         REAL,
            temp        REAL,
            acvpu       TEXT,
            o2          INTEGER,
            spo2_scale  INTEGER,
            news2       INTEGER,
            PRIMARY KEY (patient, device_kind, device, ts_ms, seq)
        ) WITHOUT ROWID;
        CREATE INDEX IF NOT EXISTS vitals_patient_time ON vitals (patient, ts_ms);
        CREATE INDEX IF NOT EXISTS vitals_time ON vitals (ts_ms);
        PRAGMA user_version = 2;
        """;

    // Version 1 keyed a point by device time alone, so two readings of one device in the same millisecond (a
    // monitor catching up after a stall) kept only the last. Version 2 adds seq to the key; the rows are copied over.
    private const string MigrateFromVersion1 = """
        BEGIN IMMEDIATE;
        ALTER TABLE vitals RENAME TO vitals_v1;
        DROP INDEX IF EXISTS vitals_patient_time;
        DROP INDEX IF EXISTS vitals_time;
        """;

    private const string CopyVersion1Rows = """
        INSERT INTO vitals SELECT * FROM vitals_v1;
        DROP TABLE vitals_v1;
        COMMIT;
        """;

    private const string InsertSql = """
        INSERT OR REPLACE INTO vitals
            (patient, device_kind, device, ts_ms, seq, region, hr, rr, spo2, sbp, dbp, temp, acvpu, o2, spo2_scale, news2)
        VALUES
            ($patient, $device_kind, $device, $ts_ms, $seq, $region, $hr, $rr, $spo2, $sbp, $dbp, $temp, $acvpu, $o2, $spo2_scale, $news2)
        """;

    private const string QuerySql = """
        SELECT bucket,
            AVG(hr), MIN(hr), MAX(hr), COUNT(hr),
            AVG(rr), MIN(rr), MAX(rr), COUNT(rr),
            AVG(spo2), MIN(spo2), MAX(spo2), COUNT(spo2),
            AVG(sbp), MIN(sbp), MAX(sbp), COUNT(sbp),
            AVG(dbp), MIN(dbp), MAX(dbp), COUNT(dbp),
            AVG(temp), MIN(temp), MAX(temp), COUNT(temp),
            AVG(news2), MIN(news2), MAX(news2), COUNT(news2)
        FROM (
            SELECT ts_ms - ((ts_ms % $step) + $step) % $step AS bucket, hr, rr, spo2, sbp, dbp, temp, news2
            FROM vitals
            WHERE patient = $patient AND ts_ms >= $from AND ts_ms < $to
        )
        GROUP BY bucket
        ORDER BY bucket
        """;

    private readonly SqliteHistoryOptions _options;
    private readonly string _connectionString;
    private readonly ILogger _logger;
    private readonly HistoryMetrics _metrics;
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private SqliteConnection? _writer;
    private SqliteCommand? _insert;
    private SqliteParameter[] _parameters = [];
    private volatile bool _open;
    private bool _disposed;
    private long _pointsWritten;

    [ActivatorUtilitiesConstructor]
    public SqliteHistoryStore(IOptions<SqliteHistoryOptions> options, ILogger<SqliteHistoryStore>? logger = null, IMeterFactory? meterFactory = null)
        : this(options?.Value!, logger, meterFactory)
    {
    }

    public SqliteHistoryStore(SqliteHistoryOptions options, ILogger<SqliteHistoryStore>? logger = null, IMeterFactory? meterFactory = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options;
        DatabasePath = Path.GetFullPath(options.Path);
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = DatabasePath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            Pooling = true,
        }.ToString();
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        _metrics = new HistoryMetrics("sqlite", meterFactory);
    }

    /// <summary>Full path of the database file.</summary>
    public string DatabasePath { get; }

    /// <summary>Points stored since this store was created.</summary>
    public long PointsWritten => Interlocked.Read(ref _pointsWritten);

    /// <inheritdoc />
    public async Task WriteAsync(IReadOnlyList<VitalsPoint> points, CancellationToken cancellationToken = default)
    {
        VitalsPoint.Validate(points);
        if (points.Count == 0)
        {
            return;
        }
        var started = Stopwatch.GetTimestamp();
        await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            OpenWriter();
            using var transaction = _writer!.BeginTransaction();
            try
            {
                _insert!.Transaction = transaction;
                var p = _parameters;
                for (var i = 0; i < points.Count; i++)
                {
                    if ((i & 1023) == 0)
                    {
                        cancellationToken.ThrowIfCancellationRequested();
                    }
                    var point = points[i];
                    var v = point.Vitals;
                    p[0].Value = point.PatientId;
                    p[1].Value = point.DeviceKind.ToCode();
                    p[2].Value = point.DeviceId;
                    p[3].Value = point.TimestampMs;
                    p[4].Value = point.Seq;
                    p[5].Value = point.Region;
                    p[6].Value = Real(v.Hr);
                    p[7].Value = Real(v.Rr);
                    p[8].Value = Real(v.Spo2);
                    p[9].Value = Real(v.Sbp);
                    p[10].Value = Real(v.Dbp);
                    p[11].Value = Real(v.Temp);
                    p[12].Value = v.Acvpu is { } a ? a.ToCode().ToString() : DBNull.Value;
                    p[13].Value = v.O2 is { } o ? (o ? 1 : 0) : DBNull.Value;
                    p[14].Value = v.Spo2Scale is { } s ? (int)s : DBNull.Value;
                    p[15].Value = point.EffectiveNews2 is { } n ? n : DBNull.Value;
                    _insert.ExecuteNonQuery();
                }
                transaction.Commit();
            }
            catch (SqliteException ex)
            {
                _metrics.FailedAttempt("sqlite");
                throw new HistoryStoreException($"SQLite could not store {points.Count} points in {DatabasePath}: {ex.Message}", ex);
            }
            finally
            {
                _insert!.Transaction = null;
            }
        }
        finally
        {
            _writeLock.Release();
        }
        Interlocked.Add(ref _pointsWritten, points.Count);
        _metrics.PointsWritten(points.Count);
        _metrics.WriteDuration(Stopwatch.GetElapsedTime(started));
    }

    /// <inheritdoc />
    public async Task<HistorySeries> QueryAsync(
        string patientId, DateTimeOffset from, DateTimeOffset to, TimeSpan step, CancellationToken cancellationToken = default)
    {
        var (fromMs, toMs, stepMs) = HistoryQuery.Validate(patientId, from, to, step);
        await using var connection = await OpenReaderAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = QuerySql;
        command.Parameters.AddWithValue("$patient", patientId);
        command.Parameters.AddWithValue("$from", fromMs);
        command.Parameters.AddWithValue("$to", toMs);
        command.Parameters.AddWithValue("$step", stepMs);

        var buckets = new List<HistoryBucket>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var bucket = new HistoryBucket(
                DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(0)),
                Stats(reader, 1), Stats(reader, 5), Stats(reader, 9), Stats(reader, 13),
                Stats(reader, 17), Stats(reader, 21), Stats(reader, 25));
            if (!bucket.IsEmpty)
            {
                buckets.Add(bucket);
            }
        }
        return new HistorySeries(patientId, from, to, step, buckets);
    }

    /// <inheritdoc />
    public async Task<long> CountAsync(string patientId, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken = default)
    {
        var (fromMs, toMs) = HistoryQuery.ValidateRange(patientId, from, to);
        await using var connection = await OpenReaderAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM vitals WHERE patient = $patient AND ts_ms >= $from AND ts_ms < $to";
        command.Parameters.AddWithValue("$patient", patientId);
        command.Parameters.AddWithValue("$from", fromMs);
        command.Parameters.AddWithValue("$to", toMs);
        return (long)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
    }

    /// <summary>
    /// Deletes every point measured before <paramref name="cutoff"/> (device time), in transactions of at most
    /// <see cref="SqliteHistoryOptions.DeleteChunkSize"/> rows so writes are not held up. Returns the number deleted.
    /// </summary>
    public async Task<long> DeleteOlderThanAsync(DateTimeOffset cutoff, CancellationToken cancellationToken = default)
    {
        var cutoffMs = cutoff.ToUnixTimeMilliseconds();
        long deleted = 0;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            int chunk;
            await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                OpenWriter();
                using var command = _writer!.CreateCommand();
                // Delete up to the chunk's last timestamp (all rows sharing it go too, so a pass always progresses).
                command.CommandText = """
                    DELETE FROM vitals WHERE ts_ms < $cutoff AND ts_ms <= coalesce(
                        (SELECT ts_ms FROM vitals WHERE ts_ms < $cutoff ORDER BY ts_ms LIMIT 1 OFFSET $chunk - 1), $cutoff)
                    """;
                command.Parameters.AddWithValue("$cutoff", cutoffMs);
                command.Parameters.AddWithValue("$chunk", _options.DeleteChunkSize);
                chunk = command.ExecuteNonQuery();
            }
            finally
            {
                _writeLock.Release();
            }
            deleted += chunk;
            if (chunk < _options.DeleteChunkSize)
            {
                break;
            }
        }
        if (deleted > 0)
        {
            _logger.LogInformation("Deleted {Count} history points measured before {Cutoff:O}", deleted, cutoff);
        }
        return deleted;
    }

    public void Dispose()
    {
        _writeLock.Wait();
        try
        {
            if (_disposed)
            {
                return;
            }
            _disposed = true;
            _insert?.Dispose();
            if (_writer is not null)
            {
                SqliteConnection.ClearPool(_writer);
                _writer.Dispose();
            }
            _metrics.Dispose();
        }
        finally
        {
            _writeLock.Release();
        }
    }

    private async Task<SqliteConnection> OpenReaderAsync(CancellationToken cancellationToken)
    {
        if (!_open)
        {
            // The first reader may come before the first write: create the file and schema under the writer's lock.
            await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                OpenWriter();
            }
            finally
            {
                _writeLock.Release();
            }
        }
        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        return connection;
    }

    /// <summary>Opens the writer connection and creates the schema. Call with the write lock held.</summary>
    private void OpenWriter()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_writer is not null)
        {
            return;
        }
        var folder = Path.GetDirectoryName(DatabasePath);
        if (!string.IsNullOrEmpty(folder))
        {
            Directory.CreateDirectory(folder);
        }
        var connection = new SqliteConnection(_connectionString);
        try
        {
            connection.Open();
            using (var pragma = connection.CreateCommand())
            {
                pragma.CommandText = "PRAGMA journal_mode = WAL;";
                var mode = pragma.ExecuteScalar() as string;
                if (!string.Equals(mode, "wal", StringComparison.OrdinalIgnoreCase))
                {
                    throw new HistoryStoreException($"SQLite refused WAL mode for {DatabasePath} (journal_mode is {mode}).");
                }
                pragma.CommandText = "PRAGMA synchronous = NORMAL;";
                pragma.ExecuteNonQuery();
                pragma.CommandText = "PRAGMA user_version;";
                var version = Convert.ToInt64(pragma.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
                if (version == 1)
                {
                    pragma.CommandText = MigrateFromVersion1 + Schema + CopyVersion1Rows;
                    pragma.ExecuteNonQuery();
                    _logger.LogWarning("Vitals history at {Path} migrated to schema version 2 (seq in the key)", DatabasePath);
                }
                pragma.CommandText = Schema;
                pragma.ExecuteNonQuery();
            }
            var insert = connection.CreateCommand();
            insert.CommandText = InsertSql;
            string[] names = ["$patient", "$device_kind", "$device", "$ts_ms", "$seq", "$region", "$hr", "$rr", "$spo2",
                "$sbp", "$dbp", "$temp", "$acvpu", "$o2", "$spo2_scale", "$news2"];
            _parameters = new SqliteParameter[names.Length];
            for (var i = 0; i < names.Length; i++)
            {
                _parameters[i] = insert.Parameters.Add(new SqliteParameter { ParameterName = names[i], Value = DBNull.Value });
            }
            insert.Prepare();
            _insert = insert;
            _writer = connection;
            _open = true;
            _logger.LogInformation("Vitals history in SQLite at {Path}", DatabasePath);
        }
        catch (SqliteException ex)
        {
            connection.Dispose();
            throw new HistoryStoreException($"Could not open the SQLite history at {DatabasePath}: {ex.Message}", ex);
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    private static object Real(double? value) => value is { } v && double.IsFinite(v) ? v : DBNull.Value;

    private static ParameterStats? Stats(SqliteDataReader reader, int first)
    {
        var count = reader.GetInt64(first + 3);
        if (count == 0)
        {
            return null;
        }
        return new ParameterStats(reader.GetDouble(first), reader.GetDouble(first + 1), reader.GetDouble(first + 2), count);
    }
}
