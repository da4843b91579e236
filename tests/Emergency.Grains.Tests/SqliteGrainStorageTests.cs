using Emergency.Grains.Persistence;
using Emergency.Grains.Regions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Orleans.Serialization;
using Orleans.Storage;

namespace Emergency.Grains.Tests;

/// <summary>The SQLite grain storage on a real file: state survives reopening; a stale ETag is refused and changes nothing.</summary>
[Collection(ClusterCollection.Name)]
public sealed class SqliteGrainStorageTests(ClusterFixture fx) : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("emergency-state-test-").FullName;
    private static readonly GrainId Region = GrainId.Create("region", "sh-test");

    private string File => Path.Combine(_directory, "state.db");

    private SqliteGrainStorage Open() =>
        new(File, fx.Cluster.Client.ServiceProvider.GetRequiredService<Serializer>(), NullLogger<SqliteGrainStorage>.Instance);

    private static GrainState<RegionMembers> Members(params string[] patients)
    {
        var state = new GrainState<RegionMembers>(new RegionMembers());
        foreach (var p in patients) state.State!.Patients.Add(p);
        return state;
    }

    [Fact]
    public async Task Written_state_reads_back_after_reopening_the_file_with_its_etag()
    {
        var written = Members("P-1", "P-2");
        using (var storage = Open())
        {
            await storage.WriteStateAsync("region", Region, written);
            written.State!.Patients.Add("P-3");
            await storage.WriteStateAsync("region", Region, written);
        }

        using var reopened = Open();
        var read = new GrainState<RegionMembers>();
        await reopened.ReadStateAsync("region", Region, read);

        Assert.True(read.RecordExists);
        Assert.Equal("2", read.ETag);
        Assert.Equal(["P-1", "P-2", "P-3"], read.State!.Patients.Order(StringComparer.Ordinal));
        Assert.Equal(read.ETag, written.ETag);
    }

    [Fact]
    public async Task Write_or_clear_with_a_stale_etag_is_refused_and_the_stored_state_stays()
    {
        using var storage = Open();
        var first = Members("P-1");
        await storage.WriteStateAsync("region", Region, first);
        var stale = Members("P-OTHER"); // never read: no ETag, as a second activation that missed the first write
        var older = Members("P-OLD");
        older.ETag = "0";

        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync("region", Region, stale));
        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync("region", Region, older));
        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.ClearStateAsync("region", Region, older));

        var read = new GrainState<RegionMembers>();
        await storage.ReadStateAsync("region", Region, read);
        Assert.Equal(["P-1"], read.State!.Patients);
        Assert.Equal("1", read.ETag);
    }

    [Fact]
    public async Task Missing_state_reads_as_a_new_state_without_etag()
    {
        using var storage = Open();
        var read = new GrainState<RegionMembers>();
        await storage.ReadStateAsync("region", GrainId.Create("region", "nowhere"), read);

        Assert.False(read.RecordExists);
        Assert.Null(read.ETag);
        Assert.Empty(read.State!.Patients);
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }
}
