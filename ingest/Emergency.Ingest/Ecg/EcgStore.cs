using Emergency.Domain.Ecg;
using Emergency.Domain.Ecg.Wire;
using Microsoft.Data.Sqlite;

namespace Emergency.Ingest.Ecg;

/// <summary>
/// The per-patient ECG store: one row per accepted block in an SQLite file (<c>{data}/ecg.db</c>, WAL), samples
/// delta-coded and deflated (<see cref="EcgSampleCompression"/>). Keyed by patient, device and seq, so a resend is
/// stored once. A committed block survives a crash of the process; the journal holds every block as well.
/// </summary>
public sealed class EcgStore : IDisposable
{
    private const string Schema = """
        PRAGMA journal_mode = WAL;
        CREATE TABLE IF NOT EXISTS ecg_blocks (
            patient   TEXT    NOT NULL,
            device    TEXT    NOT NULL,
            seq       INTEGER NOT NULL,
            start_ms  INTEGER NOT NULL,
            end_ms    INTEGER NOT NULL,
            rate_hz   INTEGER NOT NULL,
            uv_lsb    REAL    NOT NULL,
            per_lead  INTEGER NOT NULL,
            leads     BLOB    NOT NULL,
            samples   BLOB    NOT NULL,
            PRIMARY KEY (patient, device, seq)
        ) WITHOUT ROWID;
        CREATE INDEX IF NOT EXISTS ecg_patient_time ON ecg_blocks (patient, start_ms);
        CREATE INDEX IF NOT EXISTS ecg_time ON ecg_blocks (end_ms);
        """;

    private readonly string _connectionString;
    private readonly SqliteConnection _writer;
    private readonly Lock _writeLock = new();

    public EcgStore(string file)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(file))!);
        _connectionString = new SqliteConnectionStringBuilder { DataSource = file, Pooling = true }.ToString();
        _writer = new SqliteConnection(_connectionString);
        _writer.Open();
        Execute(_writer, Schema);
        Execute(_writer, "PRAGMA synchronous = NORMAL; PRAGMA busy_timeout = 5000;");
    }

    /// <summary>Stores a block; false when this device's seq for the patient is already stored.</summary>
    public bool Add(string patientId, string deviceId, EcgBlock block)
    {
        lock (_writeLock)
        {
            using var insert = _writer.CreateCommand();
            insert.CommandText = """
                INSERT OR IGNORE INTO ecg_blocks (patient, device, seq, start_ms, end_ms, rate_hz, uv_lsb, per_lead, leads, samples)
                VALUES ($patient, $device, $seq, $start, $end, $rate, $scale, $perLead, $leads, $samples)
                """;
            insert.Parameters.AddWithValue("$patient", patientId);
            insert.Parameters.AddWithValue("$device", deviceId);
            insert.Parameters.AddWithValue("$seq", (long)block.Seq);
            insert.Parameters.AddWithValue("$start", block.StartUnixMs);
            insert.Parameters.AddWithValue("$end", block.EndUnixMs);
            insert.Parameters.AddWithValue("$rate", block.SampleRateHz);
            insert.Parameters.AddWithValue("$scale", (double)block.MicrovoltsPerLsb);
            insert.Parameters.AddWithValue("$perLead", block.SamplesPerLead);
            insert.Parameters.AddWithValue("$leads", block.Leads.Select(l => (byte)l).ToArray());
            insert.Parameters.AddWithValue("$samples", EcgSampleCompression.Pack(block.Samples));
            return insert.ExecuteNonQuery() == 1;
        }
    }

    /// <summary>The highest seq stored for this patient from this device, or null (to find a gap before the next block).</summary>
    public uint? LastSeq(string patientId, string deviceId)
    {
        using var connection = Open();
        using var query = connection.CreateCommand();
        query.CommandText = "SELECT max(seq) FROM ecg_blocks WHERE patient = $patient AND device = $device";
        query.Parameters.AddWithValue("$patient", patientId);
        query.Parameters.AddWithValue("$device", deviceId);
        return query.ExecuteScalar() is long seq ? (uint)seq : null;
    }

    /// <summary>Blocks of the patient overlapping [fromUnixMs, toUnixMs), oldest first.</summary>
    public IReadOnlyList<EcgStoredBlock> Read(string patientId, long fromUnixMs, long toUnixMs)
    {
        using var connection = Open();
        using var query = connection.CreateCommand();
        // A block is at most 2 s long (1000 samples at 500 Hz; 20 s at the lowest rate): look back that far.
        query.CommandText = """
            SELECT device, seq, start_ms, rate_hz, uv_lsb, per_lead, leads, samples FROM ecg_blocks
            WHERE patient = $patient AND start_ms >= $lookBack AND start_ms < $to AND end_ms > $from
            ORDER BY start_ms, device, seq
            """;
        query.Parameters.AddWithValue("$patient", patientId);
        query.Parameters.AddWithValue("$lookBack", fromUnixMs - 20_000);
        query.Parameters.AddWithValue("$from", fromUnixMs);
        query.Parameters.AddWithValue("$to", toUnixMs);
        var blocks = new List<EcgStoredBlock>();
        using var reader = query.ExecuteReader();
        while (reader.Read())
        {
            var leads = ((byte[])reader[6]).Select(b => (EcgLead)b).ToArray();
            var perLead = reader.GetInt32(5);
            var samples = EcgSampleCompression.Unpack((byte[])reader[7], leads.Length, perLead);
            blocks.Add(new EcgStoredBlock(reader.GetString(0), new EcgBlock(
                (uint)reader.GetInt64(1), reader.GetInt64(2), reader.GetInt32(3), (float)reader.GetDouble(4), leads, samples)));
        }
        return blocks;
    }

    /// <summary>Deletes blocks that ended before the cut-off; returns how many.</summary>
    public int DeleteOlderThan(long cutoffUnixMs)
    {
        lock (_writeLock)
        {
            using var delete = _writer.CreateCommand();
            delete.CommandText = "DELETE FROM ecg_blocks WHERE end_ms < $cutoff";
            delete.Parameters.AddWithValue("$cutoff", cutoffUnixMs);
            return delete.ExecuteNonQuery();
        }
    }

    public void Dispose() => _writer.Dispose();

    private SqliteConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        return connection;
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
