using System.Collections.Concurrent;
using Orleans.Serialization;
using Orleans.Storage;

namespace Emergency.Grains.Persistence;

/// <summary>
/// Grain storage in this process's memory, with the same ETag rules as <see cref="SqliteGrainStorage"/>. It keeps
/// serialized copies, so what a grain holds afterwards and what the store holds can differ, as with a real store.
/// </summary>
public sealed class MemoryGrainStateStorage(Serializer serializer) : IGrainStorage
{
    private readonly ConcurrentDictionary<(string, GrainId), (long Version, byte[] Payload)> _rows = new();

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        if (_rows.TryGetValue((stateName, grainId), out var row))
        {
            grainState.State = serializer.Deserialize<T>(row.Payload);
            grainState.ETag = row.Version.ToString(System.Globalization.CultureInfo.InvariantCulture);
            grainState.RecordExists = true;
        }
        else
        {
            grainState.State = Activator.CreateInstance<T>();
            grainState.ETag = null;
            grainState.RecordExists = false;
        }
        return Task.CompletedTask;
    }

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var key = (stateName, grainId);
        var payload = serializer.SerializeToArray(grainState.State);
        lock (_rows)
        {
            var stored = _rows.TryGetValue(key, out var row) ? row.Version.ToString(System.Globalization.CultureInfo.InvariantCulture) : null;
            if (stored != grainState.ETag)
            {
                throw new InconsistentStateException($"{stateName} of {grainId}: stored version is {stored ?? "absent"}", stored ?? "none", grainState.ETag ?? "none");
            }
            var version = (row.Version) + 1;
            _rows[key] = (version, payload);
            grainState.ETag = version.ToString(System.Globalization.CultureInfo.InvariantCulture);
            grainState.RecordExists = true;
        }
        return Task.CompletedTask;
    }

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        lock (_rows)
        {
            _rows.TryRemove((stateName, grainId), out _);
        }
        grainState.State = Activator.CreateInstance<T>();
        grainState.ETag = null;
        grainState.RecordExists = false;
        return Task.CompletedTask;
    }
}
