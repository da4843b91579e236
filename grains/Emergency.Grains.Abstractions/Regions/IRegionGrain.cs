using System.Collections.Immutable;

namespace Emergency.Grains.Regions;

/// <summary>A region's directory of patients. Told once when a patient first appears there, not per frame.</summary>
[Alias("Emergency.IRegionGrain")]
public interface IRegionGrain : IGrainWithStringKey
{
    [Alias("AddPatient")]
    Task AddPatient(string patientId);

    [Alias("RemovePatient")]
    Task RemovePatient(string patientId);

    [Alias("GetPatients")]
    Task<ImmutableArray<string>> GetPatients();
}
