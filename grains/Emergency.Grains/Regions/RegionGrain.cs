using System.Collections.Immutable;
using Emergency.Grains.Persistence;

namespace Emergency.Grains.Regions;

/// <summary>
/// The directory of patients, ambulances and hospitals in one region. Kept alive: the hospitals are told only at
/// start-up. Patient and ambulance memberships are stored (written when they change, which is rare) so that a region's
/// lists are whole after a restart, before every member has sent again.
/// </summary>
[KeepAlive]
public sealed class RegionGrain(
    [PersistentState("region", GrainStorageNames.State)] IPersistentState<RegionMembers> store) : Grain, IRegionGrain
{
    private readonly HashSet<string> _hospitals = new(StringComparer.Ordinal);

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

    private async Task Change(HashSet<string> members, string id, bool add)
    {
        if (!(add ? members.Add(id) : members.Remove(id)))
        {
            return;
        }
        try
        {
            await store.WriteStateAsync();
        }
        catch
        {
            // Memory never stays ahead of the store: undo, and the caller (a frame) fails and is resent.
            if (add) members.Remove(id); else members.Add(id);
            throw;
        }
    }
}

/// <summary>A region's stored memberships. Add members with new ids; never reuse one.</summary>
[GenerateSerializer, Alias("Emergency.RegionMembers")]
public sealed class RegionMembers
{
    [Id(0)] public HashSet<string> Patients { get; set; } = new(StringComparer.Ordinal);
    [Id(1)] public HashSet<string> Ambulances { get; set; } = new(StringComparer.Ordinal);
}
