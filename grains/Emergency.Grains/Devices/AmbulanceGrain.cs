using Emergency.Domain.Ambulances;
using Emergency.Domain.Devices;

namespace Emergency.Grains.Devices;

/// <summary>
/// An ambulance: its monitor's vitals (via <see cref="DeviceGrainBase"/>), GPS position and crew status. One seq
/// counter covers all of the unit's topics, as the device numbers every frame it sends.
/// </summary>
public sealed class AmbulanceGrain : DeviceGrainBase, IAmbulanceGrain
{
    private string? _region;
    private PositionFrame? _position;
    private AmbulanceStatus? _status;
    private DateTimeOffset? _statusAt;
    private long _version;

    protected override DeviceKind Kind => DeviceKind.Ambulance;

    public Task<FrameVerdict> ApplyPosition(string region, PositionFrame frame)
    {
        if (ObserveSeq(frame.Seq, frame.Timestamp) == SeqObservation.Duplicate)
        {
            return Task.FromResult(FrameVerdict.Duplicate);
        }
        _region = region;
        if (_position is not null && frame.Timestamp < _position.Timestamp)
        {
            return Task.FromResult(FrameVerdict.GapFilled); // a late fix: the unit has moved on since
        }
        _position = frame;
        _version++;
        return Task.FromResult(FrameVerdict.Applied);
    }

    public Task<FrameVerdict> ApplyStatus(string region, StatusFrame frame)
    {
        if (ObserveSeq(frame.Seq, frame.Timestamp) == SeqObservation.Duplicate)
        {
            return Task.FromResult(FrameVerdict.Duplicate);
        }
        _region = region;
        if (_statusAt is { } at && frame.Timestamp < at)
        {
            return Task.FromResult(FrameVerdict.GapFilled);
        }
        _status = frame.Status;
        _statusAt = frame.Timestamp;
        // The crew names the patient on board; a unit that is free again has none.
        if (frame.PatientId is not null)
        {
            BoundPatientId = frame.PatientId;
        }
        else if (frame.Status is AmbulanceStatus.Available or AmbulanceStatus.OutOfService)
        {
            BoundPatientId = null;
        }
        _version++;
        return Task.FromResult(FrameVerdict.Applied);
    }

    public Task<AmbulanceSnapshot?> GetState() => Task.FromResult(
        _region is null
            ? null
            : new AmbulanceSnapshot(this.GetPrimaryKeyString(), _region, _position, _status, _statusAt, BoundPatientId, _version));
}
