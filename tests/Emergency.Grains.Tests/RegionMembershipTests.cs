using Emergency.Grains.Regions;

namespace Emergency.Grains.Tests;

/// <summary>
/// A region's memberships, changed by many patients at once (a fleet coming online): every change that completed is
/// stored, and a change whose write failed is undone in memory and fails for its caller.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class RegionMembershipTests(ClusterFixture fx)
{
    [Fact]
    public async Task Patients_added_at_once_are_all_listed_and_all_stored()
    {
        var key = $"rm-{Guid.NewGuid():N}";
        var region = fx.Grains.GetGrain<IRegionGrain>(key);
        var patients = Enumerable.Range(0, 300).Select(i => $"P-{key}-{i}").ToArray();

        await Task.WhenAll(patients.Select(region.AddPatient));
        await Task.WhenAll(patients.Take(100).Select(region.RemovePatient));

        var expected = patients.Skip(100).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal<string>(expected, await region.GetPatients());
        var stored = await fx.Storage.Stored<RegionMembers>("region", region.GetGrainId());
        Assert.Equal(expected, stored.Patients.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Adds_whose_write_fails_fail_and_are_undone_and_succeed_once_the_store_is_back()
    {
        var key = $"rm-{Guid.NewGuid():N}";
        var region = fx.Grains.GetGrain<IRegionGrain>(key);
        await region.AddPatient($"P-{key}-kept");
        var patients = Enumerable.Range(0, 50).Select(i => $"P-{key}-{i}").ToArray();

        fx.Storage.FailWritesOf(region.GetGrainId());
        var attempts = patients.Select(async p =>
        {
            try { await region.AddPatient(p); return true; } catch (Exception) { return false; }
        }).ToArray();
        var outcomes = await Task.WhenAll(attempts);
        var listedWhileFailing = await region.GetPatients();
        fx.Storage.Heal(region.GetGrainId());

        Assert.All(outcomes, Assert.False);
        Assert.Equal<string>([$"P-{key}-kept"], listedWhileFailing);
        Assert.Equal([$"P-{key}-kept"], (await fx.Storage.Stored<RegionMembers>("region", region.GetGrainId())).Patients);

        await Task.WhenAll(patients.Select(region.AddPatient));
        Assert.Equal(51, (await fx.Storage.Stored<RegionMembers>("region", region.GetGrainId())).Patients.Count);
    }
}
