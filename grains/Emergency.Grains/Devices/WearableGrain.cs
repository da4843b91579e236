using Emergency.Domain.Devices;
using Emergency.Grains.Persistence;
using Orleans.Serialization;

namespace Emergency.Grains.Devices;

/// <summary>
/// A wearable: bound to the patient named in its frames, so later frames may omit the patient id. Its seq record and
/// binding are snapshotted.
/// </summary>
public sealed class WearableGrain(
    [PersistentState("wearable", GrainStorageNames.State)] IPersistentState<DeviceSeqState> store,
    IDirtyGrains dirtyGrains,
    DeepCopier copier) : DeviceGrainBase, IWearableGrain, ISnapshotGrain
{
    private PersistedState<DeviceSeqState> _state = null!;

    protected override DeviceKind Kind => DeviceKind.Wearable;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _state = new PersistedState<DeviceSeqState>(store, dirtyGrains, copier, this.GetGrainId(), CaptureSeq, RestoreSeq);
        if (_state.Exists)
        {
            RestoreSeq(_state.Stored);
        }
        return Task.CompletedTask;
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken) =>
        Discarded ? Task.CompletedTask : _state.FlushOnDeactivation();

    public Task FlushSnapshot() => Discarded ? Task.CompletedTask : _state.Flush();

    protected override void StateChanged() => _state.Changed();

    public Task<string?> GetBoundPatient() => Task.FromResult(BoundPatientId);
}
