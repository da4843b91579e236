using System.Collections.Immutable;
using Emergency.Domain.Vitals;
using Emergency.Grains.Devices;

namespace Emergency.Grains.Patients;

/// <summary>One patient: latest vitals with their times, a rolling window, NEWS2, the reporting device.</summary>
[Alias("Emergency.IPatientGrain")]
public interface IPatientGrain : IGrainWithStringKey
{
    /// <summary>
    /// Applies frames already de-duplicated by the reporting device, in the order received.
    /// A frame older than a parameter's latest value goes into the window but does not overwrite that value.
    /// </summary>
    [Alias("ApplyVitals")]
    Task ApplyVitals(string region, DeviceRef source, ImmutableArray<VitalsFrame> frames);

    /// <summary>The patient's state as of now (staleness applied), or null if nothing was ever received.</summary>
    [Alias("GetState")]
    Task<PatientSnapshot?> GetState();
}
