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

    [Fact]
    public async Task Writes_queued_together_each_keep_their_etag_check_and_all_that_passed_survive_reopening()
    {
        var regions = Enumerable.Range(0, 200).Select(i => GrainId.Create("region", $"sh-batch-{i}")).ToArray();
        using (var storage = Open())
        {
            // Every region once, so each has version 1; then all at once, every third with a stale ETag.
            var states = regions.Select(_ => Members("P-1")).ToArray();
            await Task.WhenAll(regions.Select((r, i) => storage.WriteStateAsync("region", r, states[i])));
            var second = regions.Select((r, i) =>
            {
                var state = Members("P-1", $"P-X{i}");
                state.ETag = i % 3 == 0 ? "7" : states[i].ETag;
                return (Region: r, State: state, Stale: i % 3 == 0);
            }).ToArray();
            var writes = second.Select(w => storage.WriteStateAsync("region", w.Region, w.State)).ToArray();
            var outcomes = await Task.WhenAll(writes.Select(async w =>
            {
                try { await w; return (Exception?)null; } catch (Exception ex) { return ex; }
            }));

            for (var i = 0; i < second.Length; i++)
            {
                if (second[i].Stale)
                {
                    Assert.IsType<InconsistentStateException>(outcomes[i]);
                    Assert.Equal("7", second[i].State.ETag);
                }
                else
                {
                    Assert.Null(outcomes[i]);
                    Assert.Equal("2", second[i].State.ETag);
                }
            }
        }

        using var reopened = Open();
        for (var i = 0; i < regions.Length; i++)
        {
            var read = new GrainState<RegionMembers>();
            await reopened.ReadStateAsync("region", regions[i], read);
            var expected = i % 3 == 0 ? new[] { "P-1" } : new[] { "P-1", $"P-X{i}" };
            Assert.Equal(expected.Order(StringComparer.Ordinal), read.State!.Patients.Order(StringComparer.Ordinal));
            Assert.Equal(i % 3 == 0 ? "1" : "2", read.ETag);
        }
    }

    [Fact]
    public async Task A_write_after_the_store_is_closed_fails_instead_of_waiting()
    {
        var storage = Open();
        storage.Dispose();

        await Assert.ThrowsAsync<ObjectDisposedException>(() => storage.WriteStateAsync("region", Region, Members("P-1")));
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }
}
