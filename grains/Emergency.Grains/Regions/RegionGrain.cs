using System.Collections.Immutable;

namespace Emergency.Grains.Regions;

/// <summary>The directory of patients and hospitals in one region. Kept alive: the hospitals are told only at start-up.</summary>
[KeepAlive]
public sealed class RegionGrain : Grain, IRegionGrain
{
    private readonly HashSet<string> _patients = new(StringComparer.Ordinal);
    private readonly HashSet<string> _hospitals = new(StringComparer.Ordinal);

    public Task AddPatient(string patientId)
    {
        _patients.Add(patientId);
        return Task.CompletedTask;
    }

    public Task RemovePatient(string patientId)
    {
        _patients.Remove(patientId);
        return Task.CompletedTask;
    }

    public Task<ImmutableArray<string>> GetPatients() =>
        Task.FromResult(_patients.Order(StringComparer.Ordinal).ToImmutableArray());

    public Task AddHospital(string hospitalId)
    {
        _hospitals.Add(hospitalId);
        return Task.CompletedTask;
    }

    public Task<ImmutableArray<string>> GetHospitals() =>
        Task.FromResult(_hospitals.Order(StringComparer.Ordinal).ToImmutableArray());

    private readonly HashSet<string> _ambulances = new(StringComparer.Ordinal);

    public Task AddAmbulance(string unitId)
    {
        _ambulances.Add(unitId);
        return Task.CompletedTask;
    }

    public Task RemoveAmbulance(string unitId)
    {
        _ambulances.Remove(unitId);
        return Task.CompletedTask;
    }

    public Task<ImmutableArray<string>> GetAmbulances() =>
        Task.FromResult(_ambulances.Order(StringComparer.Ordinal).ToImmutableArray());
}
