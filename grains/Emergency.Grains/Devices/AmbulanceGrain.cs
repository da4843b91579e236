using Emergency.Domain.Ambulances;
using Emergency.Domain.Devices;
using Emergency.Domain.Geo;
using Emergency.Grains.Dispatch;
using Emergency.Grains.Hospitals;
using Emergency.Grains.Live;
using Emergency.Grains.Regions;
using Emergency.Grains.Patients;
using Microsoft.Extensions.DependencyInjection;

namespace Emergency.Grains.Devices;

/// <summary>
/// An ambulance: its monitor's vitals (via <see cref="DeviceGrainBase"/>), GPS position and crew status. One seq
/// counter covers all of the unit's topics, as the device numbers every frame it sends. A destination's ETA follows
/// the unit: each new fix re-estimates it and updates the hospital's inbound entry; a status of at-hospital,
/// available or out-of-service ends it (the unit is no longer inbound).
/// </summary>
public sealed class AmbulanceGrain(
    DispatchModel dispatch,
    ILivePushSink push,
    [FromKeyedServices(ClinicalTime.Key)] TimeProvider time) : DeviceGrainBase, IAmbulanceGrain
{
    private string? _region;
    private string? _listedInRegion;
    private PositionFrame? _position;
    private AmbulanceStatus? _status;
    private DateTimeOffset? _statusAt;
    private long _version;
    private Destination? _destination;

    protected override DeviceKind Kind => DeviceKind.Ambulance;

    public async Task<FrameVerdict> ApplyPosition(string region, PositionFrame frame)
    {
        if (ObserveSeq(frame.Seq, frame.Timestamp) == SeqObservation.Duplicate)
        {
            return FrameVerdict.Duplicate;
        }
        _region = region;
        if (_position is not null && frame.Timestamp < _position.Timestamp)
        {
            return FrameVerdict.GapFilled; // a late fix: the unit has moved on since
        }
        _position = frame;
        if (_destination is not null)
        {
            _destination = dispatch.WithEta(_destination, Position, time.GetUtcNow());
            await GrainFactory.GetGrain<IHospitalGrain>(_destination.HospitalId).SetInbound(_destination);
        }
        await Changed();
        return FrameVerdict.Applied;
    }

    public async Task<FrameVerdict> ApplyStatus(string region, StatusFrame frame)
    {
        if (ObserveSeq(frame.Seq, frame.Timestamp) == SeqObservation.Duplicate)
        {
            return FrameVerdict.Duplicate;
        }
        _region = region;
        if (_statusAt is { } at && frame.Timestamp < at)
        {
            return FrameVerdict.GapFilled;
        }
        // Arrived, or free again: the unit is no longer inbound anywhere.
        if (_destination is { } destination
            && frame.Status is AmbulanceStatus.AtHospital or AmbulanceStatus.Available or AmbulanceStatus.OutOfService)
        {
            await GrainFactory.GetGrain<IHospitalGrain>(destination.HospitalId).RemoveInbound(destination.UnitId);
            _destination = null;
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
        await Changed();
        return FrameVerdict.Applied;
    }

    public Task<AmbulanceSnapshot?> GetState() => Task.FromResult(Snapshot());

    public async Task<AmbulanceSnapshot?> SetDestination(string hospitalId, string patientId, string decidedBy, string? reason)
    {
        if (_region is null || await GrainFactory.GetGrain<IHospitalGrain>(hospitalId).GetState() is not { } hospital)
        {
            return null;
        }
        var now = time.GetUtcNow();
        var decision = new Destination(hospitalId, hospital.Hospital.Position, this.GetPrimaryKeyString(), patientId,
            decidedBy, now, reason, RecommendedRank: null, EtaMinutes: null, EtaAt: null);
        decision = dispatch.WithEta(decision, Position, now);
        // The patient fills in the recommended rank; the hospital's list and the push then carry the same decision.
        var patient = await GrainFactory.GetGrain<IPatientGrain>(patientId).SetDestination(decision);
        decision = patient?.Destination ?? decision;
        if (_destination is { } previous && previous.HospitalId != hospitalId)
        {
            await GrainFactory.GetGrain<IHospitalGrain>(previous.HospitalId).RemoveInbound(previous.UnitId);
        }
        await GrainFactory.GetGrain<IHospitalGrain>(hospitalId).SetInbound(decision);
        _destination = decision;
        BoundPatientId = patientId;
        await Changed();
        return Snapshot();
    }

    /// <summary>Lists the unit in its region's directory (once per region) and pushes its new state.</summary>
    private async Task Changed()
    {
        _version++;
        if (_region is not null && _listedInRegion != _region)
        {
            var unitId = this.GetPrimaryKeyString();
            if (_listedInRegion is not null)
            {
                await GrainFactory.GetGrain<IRegionGrain>(_listedInRegion).RemoveAmbulance(unitId);
            }
            await GrainFactory.GetGrain<IRegionGrain>(_region).AddAmbulance(unitId);
            _listedInRegion = _region;
        }
        if (Snapshot() is { } snapshot)
        {
            push.AmbulanceChanged(snapshot);
        }
    }

    private GeoPoint? Position => _position is { } p ? new GeoPoint(p.Lat, p.Lon) : null;

    private AmbulanceSnapshot? Snapshot() =>
        _region is null
            ? null
            : new AmbulanceSnapshot(this.GetPrimaryKeyString(), _region, _position, _status, _statusAt, BoundPatientId, _version,
                _destination is null ? null : dispatch.WithEta(_destination, Position, time.GetUtcNow()));
}
