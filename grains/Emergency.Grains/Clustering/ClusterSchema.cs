using System.Security.Cryptography;
using System.Text;
using Npgsql;

namespace Emergency.Grains.Clustering;

/// <summary>
/// Applies Orleans' own PostgreSQL scripts (main, clustering, persistence) to a database, once. The scripts as
/// shipped are not idempotent (plain <c>CREATE TABLE</c>, <c>INSERT</c> of their queries), so every script applied is
/// recorded with its SHA-256 in <c>emergency_schema_scripts</c>, in the same transaction as the script: a second run
/// skips it, a changed script is refused rather than half-applied over the old one. An advisory lock keeps two nodes
/// running the setup at once from racing.
/// </summary>
public sealed class ClusterSchema(string connectionString, string scriptsDirectory)
{
    /// <summary>In order: the query table first, then what fills it. Orleans' reminders are not used here.</summary>
    public static readonly IReadOnlyList<string> Scripts =
        ["PostgreSQL-Main.sql", "PostgreSQL-Clustering.sql", "PostgreSQL-Persistence.sql"];

    private const long SetupLock = 0x456D_6572_6765; // "Emerge": one setup at a time per database

    /// <summary>Applies what is missing; returns one line per script saying what happened.</summary>
    public async Task<IReadOnlyList<string>> ApplyAsync(CancellationToken cancellationToken = default)
    {
        var missing = Scripts.Where(s => !File.Exists(Path.Combine(scriptsDirectory, s))).ToList();
        if (missing.Count > 0)
        {
            throw new FileNotFoundException(
                $"Orleans SQL scripts missing in {scriptsDirectory}: {string.Join(", ", missing)} (fetch them with scripts/orleans-sql.sh)");
        }
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await Execute(connection, null, $"SELECT pg_advisory_lock({SetupLock})", cancellationToken);
        try
        {
            await Execute(connection, null, """
                CREATE TABLE IF NOT EXISTS emergency_schema_scripts (
                    name text PRIMARY KEY,
                    sha256 text NOT NULL,
                    applied_at timestamptz NOT NULL DEFAULT now())
                """, cancellationToken);
            var report = new List<string>();
            foreach (var script in Scripts)
            {
                var text = await File.ReadAllTextAsync(Path.Combine(scriptsDirectory, script), cancellationToken);
                var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
                var applied = await AppliedHash(connection, script, cancellationToken);
                if (applied == hash)
                {
                    report.Add($"{script}: already applied");
                    continue;
                }
                if (applied is not null)
                {
                    throw new InvalidOperationException(
                        $"{script} was applied with another content (sha256 {applied}); a changed Orleans schema needs its migration script, not a re-run");
                }
                await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
                await Execute(connection, transaction, text, cancellationToken);
                await using (var record = new NpgsqlCommand("INSERT INTO emergency_schema_scripts (name, sha256) VALUES (@name, @hash)", connection, transaction))
                {
                    record.Parameters.AddWithValue("name", script);
                    record.Parameters.AddWithValue("hash", hash);
                    await record.ExecuteNonQueryAsync(cancellationToken);
                }
                await transaction.CommitAsync(cancellationToken);
                report.Add($"{script}: applied");
            }
            await Execute(connection, null, QueriesForThisOrleans, cancellationToken);
            report.Add("queries matched to Orleans " + OrleansVersion + ": done");
            return report;
        }
        finally
        {
            await Execute(connection, null, $"SELECT pg_advisory_unlock({SetupLock})", CancellationToken.None);
        }
    }

    private const string OrleansVersion = "10.4.2";

    /// <summary>
    /// The scripts on Orleans' main branch name parameters that the 10.4.2 providers do not send (<c>@PayloadJson</c>,
    /// <c>@PayloadXml</c> with the binary serializer; <c>@MetadataJson</c> for membership), which PostgreSQL then reads as
    /// column names. Orleans lets the query texts be redefined as long as their parameters and results keep their
    /// names: these pass NULL for what is not sent. Idempotent; harmless on scripts that already match.
    /// </summary>
    private const string QueriesForThisOrleans = """
        UPDATE OrleansQuery SET QueryText = 'select * from WriteToStorage(@GrainIdHash, @GrainIdN0, @GrainIdN1, @GrainTypeHash, @GrainTypeString, @GrainIdExtensionString, @ServiceId, @GrainStateVersion, @PayloadBinary, NULL, NULL);'
        WHERE QueryKey = 'WriteToStorageKey';
        DO $$
        BEGIN
            IF (SELECT max(pronargs) FROM pg_proc WHERE proname = 'insert_membership') = 12 THEN
                UPDATE OrleansQuery SET QueryText = 'SELECT * FROM insert_membership(@DeploymentId, @Address, @Port, @Generation, @SiloName, @HostName, @Status, @ProxyPort, @StartTime, @IAmAliveTime, NULL, @Version);'
                WHERE QueryKey = 'InsertMembershipKey';
            END IF;
            IF (SELECT max(pronargs) FROM pg_proc WHERE proname = 'update_membership') = 9 THEN
                UPDATE OrleansQuery SET QueryText = 'SELECT * FROM update_membership(@DeploymentId, @Address, @Port, @Generation, @Status, @SuspectTimes, @IAmAliveTime, NULL, @Version);'
                WHERE QueryKey = 'UpdateMembershipKey';
            END IF;
        END $$;
        """;

    private static async Task<string?> AppliedHash(NpgsqlConnection connection, string script, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand("SELECT sha256 FROM emergency_schema_scripts WHERE name = @name", connection);
        command.Parameters.AddWithValue("name", script);
        return await command.ExecuteScalarAsync(ct) as string;
    }

    private static async Task Execute(NpgsqlConnection connection, NpgsqlTransaction? transaction, string sql, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        await command.ExecuteNonQueryAsync(ct);
    }
}
