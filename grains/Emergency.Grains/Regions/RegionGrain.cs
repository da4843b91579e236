using System.Collections.Immutable;
using Emergency.Grains.Persistence;
using Orleans.Concurrency;

namespace Emergency.Grains.Regions;

/// <summary>
/// The directory of patients, ambulances and hospitals in one region. Kept alive: the hospitals are told only at
/// start-up. Patient and ambulance memberships are stored (written when they change, which is rare) so that a region's
/// lists are whole after a restart, before every member has sent again.
/// </summary>
/// <remarks>
/// Reentrant so that membership changes arriving together are stored together: every patient's first frame comes
/// through here, and one write per patient (each serializing the whole list and waiting for the disk) made the
/// region the bottleneck of a fleet coming online. A change still completes only once a write holding it is stored.
/// </remarks>
[KeepAlive]
[Reentrant]
public sealed class RegionGrain(
    [PersistentState("region", GrainStorageNames.State)] IPersistentState<RegionMembers> store) : Grain, IRegionGrain
{
    private readonly HashSet<string> _hospitals = new(StringComparer.Ordinal);
    private PendingChanges? _open;
    private PendingChanges? _writing;

    public Task AddPatient(string patientId) => Change(store.State.Patients, patientId, add: true);

    public Task RemovePatient(string patientId) => Change(store.State.Patients, patientId, add: false);

    public Task<ImmutableArray<string>> GetPatients() =>
        Task.FromResult(store.State.Patients.Order(StringComparer.Ordinal).ToImmutableArray());

    public Task AddHospital(string hospitalId)
    {
        _hospitals.Add(hospitalId);
        return Task.CompletedTask;
    }

    public Task<ImmutableArray<string>> GetHospitals() =>
        Task.FromResult(_hospitals.Order(StringComparer.Ordinal).ToImmutableArray());

    public Task AddAmbulance(string unitId) => Change(store.State.Ambulances, unitId, add: true);

    public Task RemoveAmbulance(string unitId) => Change(store.State.Ambulances, unitId, add: false);

    public Task<ImmutableArray<string>> GetAmbulances() =>
        Task.FromResult(store.State.Ambulances.Order(StringComparer.Ordinal).ToImmutableArray());

    private Task Change(HashSet<string> members, string id, bool add)
    {
        if (!(add ? members.Add(id) : members.Remove(id)))
        {
            // Already so in memory, but maybe not stored yet: done when what is pending is stored.
            return Task.WhenAll(new[] { _writing?.Stored.Task, _open?.Stored.Task }.OfType<Task>());
        }
        var batch = _open ??= new PendingChanges();
        batch.Changes.Add((members, id, add));
        if (_writing is null)
        {
            _ = WritePending();
        }
        return batch.Stored.Task;
    }

    /// <summary>One write at a time; whatever changed while it was in flight goes into the next one.</summary>
    private async Task WritePending()
    {
        while (_open is { } batch)
        {
            _open = null;
            _writing = batch;
            try
            {
                await store.WriteStateAsync();
                batch.Stored.SetResult();
            }
            catch (Exception ex)
            {
                // Memory never stays ahead of the store: undo, and the callers (frames) fail and are resent.
                for (var i = batch.Changes.Count - 1; i >= 0; i--)
                {
                    var (members, id, add) = batch.Changes[i];
                    if (add) members.Remove(id); else members.Add(id);
                }
                batch.Stored.SetException(ex);
            }
            finally
            {
                _writing = null;
            }
        }
    }

    private sealed class PendingChanges
    {
        public List<(HashSet<string> Members, string Id, bool Add)> Changes { get; } = [];
        public TaskCompletionSource Stored { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}

/// <summary>A region's stored memberships. Add members with new ids; never reuse one.</summary>
[GenerateSerializer, Alias("Emergency.RegionMembers")]
public sealed class RegionMembers
{
    [Id(0)] public HashSet<string> Patients { get; set; } = new(StringComparer.Ordinal);
    [Id(1)] public HashSet<string> Ambulances { get; set; } = new(StringComparer.Ordinal);
}
