using System.Collections.Concurrent;
using Emergency.Grains.Persistence;
using Orleans.Serialization;
using Orleans.Storage;

namespace Emergency.Grains.Tests;

/// <summary>
/// The grain storage of the test silo: the service's own in-memory storage, which can be told to fail writes, and
/// which lets a test read what is stored and see when a grain read its state (a new activation).
/// </summary>
public sealed class FaultyGrainStorage(Serializer serializer) : IGrainStorage
{
    private readonly MemoryGrainStateStorage _inner = new(serializer);
    private readonly ConcurrentDictionary<GrainId, int> _reads = new();
    private readonly ConcurrentDictionary<GrainId, byte> _failing = new();

    /// <summary>Writes of this grain fail (as a full disk or a lost database connection would) until <see cref="Heal"/>.</summary>
    public void FailWritesOf(GrainId grain) => _failing[grain] = 0;

    public void Heal(GrainId grain) => _failing.TryRemove(grain, out _);

    public int ReadsOf(GrainId grain) => _reads.GetValueOrDefault(grain);

    /// <summary>What the store holds for the grain's state, read as a new activation would.</summary>
    public async Task<T> Stored<T>(string stateName, GrainId grain)
    {
        var state = new GrainState<T>();
        await _inner.ReadStateAsync(stateName, grain, state);
        return state.State!;
    }

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        _reads.AddOrUpdate(grainId, 1, (_, n) => n + 1);
        return _inner.ReadStateAsync(stateName, grainId, grainState);
    }

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        _failing.ContainsKey(grainId)
            ? throw new IOException($"disk full (test): {stateName} of {grainId} not written")
            : _inner.WriteStateAsync(stateName, grainId, grainState);

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        _inner.ClearStateAsync(stateName, grainId, grainState);
}
