using Emergency.Dashboard.Security;
using Microsoft.Data.Sqlite;

namespace Emergency.Dashboard.Tests.Security;

public sealed class AuditLogTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("emergency-audit-").FullName;
    private string DbPath => Path.Combine(_directory, "audit.db");

    private static AuditEntry Entry(string user, string? patient, DateTimeOffset at, string outcome = "allowed") =>
        new(at, user, "ed", "patient.read", patient, "H-08", null, "sh", "GET /api/patients/{patientId}", "10.0.0.1", "test", outcome, null);

    [Fact]
    public async Task Entries_are_queried_by_patient_user_and_time_newest_first()
    {
        using var log = new AuditLog(DbPath);
        var t0 = DateTimeOffset.Parse("2026-12-02T10:00:00Z");
        await log.AppendAsync([Entry("a", "P-1", t0), Entry("b", "P-1", t0.AddMinutes(1)), Entry("a", "P-2", t0.AddMinutes(2))]);

        var p1 = await log.QueryAsync(new AuditQuery("P-1", null, null, null, 100));
        Assert.Equal(["b", "a"], p1.Select(e => e.User));
        Assert.Single(await log.QueryAsync(new AuditQuery(null, "a", t0.AddMinutes(1), null, 100)));
        Assert.Single(await log.QueryAsync(new AuditQuery(null, null, null, null, 1)));
        Assert.Equal("10.0.0.1", p1[0].RemoteAddress);
    }

    [Fact]
    public async Task Entries_survive_a_reopen_and_cannot_be_changed_or_deleted()
    {
        using (var log = new AuditLog(DbPath))
        {
            await log.AppendAsync(Entry("a", "P-1", DateTimeOffset.UtcNow));
        }
        using (var reopened = new AuditLog(DbPath))
        {
            Assert.Single(await reopened.QueryAsync(new AuditQuery("P-1", null, null, null, 10)));
        }
        using var connection = new SqliteConnection($"Data Source={DbPath};Pooling=False");
        connection.Open();
        foreach (var sql in new[] { "UPDATE audit SET user = 'x'", "DELETE FROM audit" })
        {
            using var command = connection.CreateCommand();
            command.CommandText = sql;
            var error = Assert.Throws<SqliteException>(() => command.ExecuteNonQuery());
            Assert.Contains("append-only", error.Message);
        }
    }

    [Fact]
    public async Task Append_to_an_unwritable_log_throws_so_the_access_is_refused()
    {
        var log = new AuditLog(DbPath);
        log.Dispose();
        await Assert.ThrowsAnyAsync<Exception>(() => log.AppendAsync(Entry("a", "P-1", DateTimeOffset.UtcNow)));
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }
}
