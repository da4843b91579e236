using System.Collections.Immutable;

namespace Emergency.Grains.Regions;

/// <summary>
/// A region's directory of patients (told once when a patient first appears there, not per frame) and of its
/// hospitals (told at start-up).
/// </summary>
[Alias("Emergency.IRegionGrain")]
public interface IRegionGrain : IGrainWithStringKey
{
    [Alias("AddPatient")]
    Task AddPatient(string patientId);

    [Alias("RemovePatient")]
    Task RemovePatient(string patientId);

    [Alias("GetPatients")]
    Task<ImmutableArray<string>> GetPatients();

    [Alias("AddHospital")]
    Task AddHospital(string hospitalId);

    [Alias("GetHospitals")]
    Task<ImmutableArray<string>> GetHospitals();

    [Alias("AddAmbulance")]
    Task AddAmbulance(string unitId);

    [Alias("RemoveAmbulance")]
    Task RemoveAmbulance(string unitId);

    [Alias("GetAmbulances")]
    Task<ImmutableArray<string>> GetAmbulances();
}
