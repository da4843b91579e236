using System.Diagnostics;
using System.Text.Json;
using Microsoft.Data.Sqlite;

namespace Emergency.EndToEnd.Tests.Infrastructure;

/// <summary>One row of the history store as the tests compare it: (device, seq) and the device time.</summary>
public readonly record struct StoredPoint(string PatientId, string DeviceId, long Seq, long TimestampMs);

/// <summary>Reads what the host made of the frames: its readiness figures, the history API and the SQLite file.</summary>
public static class HistoryProbe
{
    /// <summary>The history consumer's part of <c>/health/ready</c>.</summary>
    public static JsonElement History(this JsonElement readiness) => readiness.GetProperty("history");

    public static long LagBytes(this JsonElement readiness) => readiness.History().GetProperty("lagBytes").GetInt64();

    /// <summary>
    /// Polls readiness until the history consumer has written everything durable in the journal (lag 0) and
    /// <paramref name="done"/> (if given) holds, or the time is up (then throws with the last answer and the host output).
    /// </summary>
    public static async Task<JsonElement> WaitForHistoryCaughtUp(HostProcess host, TimeSpan within, Func<Task<bool>>? done = null)
    {
        var watch = Stopwatch.StartNew();
        JsonElement last = default;
        while (watch.Elapsed < within)
        {
            var (status, body) = await host.ReadinessAsync();
            last = body;
            if (status == 200 && body.LagBytes() == 0 && (done is null || await done()))
            {
                return body;
            }
            await Task.Delay(200);
        }
        throw new TimeoutException($"history did not catch up within {within}; last readiness: {last}\n{host.Output}");
    }

    /// <summary>SQLite history file of a host started on <paramref name="dataDirectory"/> (see SCHEMA.md).</summary>
    public static string SqlitePath(string dataDirectory) => Path.Combine(dataDirectory, "data", "history", "vitals.db");

    /// <summary>Every row of table <c>vitals</c> whose device id starts with <paramref name="devicePrefix"/>, read-only.</summary>
    public static List<StoredPoint> ReadSqlite(string path, string devicePrefix)
    {
        var builder = new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadOnly, Pooling = false };
        using var connection = new SqliteConnection(builder.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT patient, device, seq, ts_ms FROM vitals WHERE substr(device, 1, length($prefix)) = $prefix";
        command.Parameters.AddWithValue("$prefix", devicePrefix);
        using var reader = command.ExecuteReader();
        var rows = new List<StoredPoint>();
        while (reader.Read())
        {
            rows.Add(new StoredPoint(reader.GetString(0), reader.GetString(1), reader.GetInt64(2), reader.GetInt64(3)));
        }
        return rows;
    }

    /// <summary>
    /// Points of a patient in [<paramref name="from"/>, <paramref name="to"/>) as the history API counts them: the sum
    /// of the <c>hr</c> counts of its one-minute buckets (every fleet frame carries a pulse).
    /// </summary>
    public static async Task<long> ApiCount(HostProcess host, string patientId, DateTimeOffset from, DateTimeOffset to)
    {
        var body = await host.GetJson<JsonElement>(
            $"/api/patients/{patientId}/history?from={from.ToUnixTimeMilliseconds()}&to={to.ToUnixTimeMilliseconds()}&step=1m");
        return body.GetProperty("buckets").EnumerateArray()
            .Where(b => b.GetProperty("hr").ValueKind == JsonValueKind.Object)
            .Sum(b => b.GetProperty("hr").GetProperty("count").GetInt64());
    }
}
