using Emergency.Domain.Devices;

namespace Emergency.Grains.Devices;

/// <summary>A wearable: bound to the patient named in its frames, so later frames may omit the patient id.</summary>
public sealed class WearableGrain : DeviceGrainBase, IWearableGrain
{
    protected override DeviceKind Kind => DeviceKind.Wearable;

    public Task<string?> GetBoundPatient() => Task.FromResult(BoundPatientId);
}
