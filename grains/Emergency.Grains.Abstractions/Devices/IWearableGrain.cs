namespace Emergency.Grains.Devices;

/// <summary>A patient's wearable, keyed by device id. Remembers which patient it is bound to.</summary>
[Alias("Emergency.IWearableGrain")]
public interface IWearableGrain : IDeviceVitalsGrain
{
    /// <summary>The patient this device reports for, or null before its first frame with a patient id.</summary>
    [Alias("GetBoundPatient")]
    Task<string?> GetBoundPatient();
}
