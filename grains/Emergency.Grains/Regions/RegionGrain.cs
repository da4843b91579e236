using System.Collections.Immutable;

namespace Emergency.Grains.Regions;

/// <summary>The directory of patients in one region.</summary>
public sealed class RegionGrain : Grain, IRegionGrain
{
    private readonly HashSet<string> _patients = new(StringComparer.Ordinal);

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
}
