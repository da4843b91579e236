using Emergency.Domain.Ambulances;
using Emergency.Domain.Devices;
using Emergency.Domain.Dispatch;
using Emergency.Domain.Geo;
using Emergency.Domain.Patients;
using Emergency.Grains.Dispatch;
using Emergency.Grains.Hospitals;
using Emergency.Grains.Live;
using Emergency.Grains.Regions;
using Emergency.Grains.Patients;
using Emergency.Grains.Persistence;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;

namespace Emergency.Grains.Devices;

/// <summary>
/// An ambulance: its monitor's vitals (via <see cref="DeviceGrainBase"/>), GPS position and crew status. One seq
/// counter covers all of the unit's topics, as the device numbers every frame it sends. A destination's ETA follows
/// the unit: each new fix re-estimates it and updates the hospital's inbound entry and the patient. A fix within the
/// arrival radius of the hospital, or a status of at-hospital, is an arrival; available or out-of-service cancels
/// the trip. Either way the unit is no longer inbound and a held resuscitation bay is released. Frames' effects are
/// snapshotted (<see cref="AmbulanceState"/>); a destination decision is stored before the call succeeds.
/// </summary>
public sealed class AmbulanceGrain(
    DispatchModel dispatch,
    ILivePushSink push,
    [FromKeyedServices(ClinicalTime.Key)] TimeProvider time,
    [PersistentState("ambulance", GrainStorageNames.State)] IPersistentState<AmbulanceState> store,
    IDirtyGrains dirtyGrains,
    DeepCopier copier) : DeviceGrainBase, IAmbulanceGrain, ISnapshotGrain
{
    private PersistedState<AmbulanceState> _state = null!;

    private string? _region;
    private string? _listedInRegion;
    private PositionFrame? _position;
    private AmbulanceStatus? _status;
    private DateTimeOffset? _statusAt;
    private long _version;
    private Destination? _destination;
    private Dictionary<string, DateTimeOffset> _contextAt = new(StringComparer.Ordinal);
    private TripTimes _times = new();

    protected override DeviceKind Kind => DeviceKind.Ambulance;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _state = new PersistedState<AmbulanceState>(store, dirtyGrains, copier, this.GetGrainId(), Capture, Restore);
        if (_state.Exists)
        {
            Restore(_state.Stored);
        }
        return Task.CompletedTask;
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken) =>
        Discarded ? Task.CompletedTask : _state.FlushOnDeactivation();

    public Task FlushSnapshot() => Discarded ? Task.CompletedTask : _state.Flush();

    protected override void StateChanged() => _state.Changed();

    private AmbulanceState Capture() => new()
    {
        Device = CaptureSeq(),
        Region = _region,
        ListedInRegion = _listedInRegion,
        Position = _position,
        Status = _status,
        StatusAt = _statusAt,
        Version = _version,
        Destination = _destination,
        ContextAt = new Dictionary<string, DateTimeOffset>(_contextAt, StringComparer.Ordinal),
        Times = _times,
    };

    private void Restore(AmbulanceState state)
    {
        RestoreSeq(state.Device);
        _region = state.Region;
        _listedInRegion = state.ListedInRegion;
        _position = state.Position;
        _status = state.Status;
        _statusAt = state.StatusAt;
        _version = state.Version;
        _destination = state.Destination;
        _contextAt = new Dictionary<string, DateTimeOffset>(state.ContextAt, StringComparer.Ordinal);
        _times = state.Times ?? new TripTimes();
    }

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
        if (_destination is { } trip)
        {
            if (Position is { } here && ArrivalGeofence.HasArrived(here, trip.HospitalPosition, dispatch.ArrivalRadiusMetres))
            {
                await Arrive(trip, frame.Timestamp);
            }
            else
            {
                // The ETA falls as the unit drives in: the hospital's list and the patient (pushed to the ED) follow.
                _destination = dispatch.Refresh(trip, Position, time.GetUtcNow());
                await GrainFactory.GetGrain<IHospitalGrain>(_destination.HospitalId).SetInbound(_destination);
                await GrainFactory.GetGrain<IPatientGrain>(_destination.PatientId).SetDestination(_destination);
            }
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
        // Arrived, or free again (the trip is cancelled): the unit is no longer inbound anywhere.
        if (_destination is { } destination)
        {
            if (frame.Status is AmbulanceStatus.AtHospital)
            {
                await Arrive(destination, frame.Timestamp);
            }
            else if (frame.Status is AmbulanceStatus.Available or AmbulanceStatus.OutOfService)
            {
                await GrainFactory.GetGrain<IHospitalGrain>(destination.HospitalId).RemoveInbound(destination.UnitId);
                _destination = null;
            }
        }
        _status = frame.Status;
        _statusAt = frame.Timestamp;
        _times = _times.With(frame.Status, frame.Timestamp);
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

    public async Task<FrameVerdict> ApplyContext(string region, ContextFrame frame)
    {
        if (ObserveSeq(frame.Seq, frame.Timestamp) == SeqObservation.Duplicate)
        {
            return FrameVerdict.Duplicate;
        }
        _region = region;
        if ((frame.PatientId ?? BoundPatientId) is not { } patientId)
        {
            return FrameVerdict.Refused($"patientId: required, unit {this.GetPrimaryKeyString()} has no patient on board");
        }
        // Store-and-forward may deliver an older context after a newer one: the crew's latest word stands.
        if (_contextAt.TryGetValue(patientId, out var latest) && frame.Timestamp < latest)
        {
            return FrameVerdict.GapFilled.For(patientId);
        }
        await GrainFactory.GetGrain<IPatientGrain>(patientId).SetContext(frame.Context);
        _contextAt[patientId] = frame.Timestamp;
        StateChanged();
        return FrameVerdict.Applied.For(patientId);
    }

    public Task<AmbulanceSnapshot?> GetState() => Task.FromResult(Snapshot());

    public async Task<AmbulanceSnapshot?> SetDestination(string hospitalId, string patientId, string decidedBy, string? reason)
    {
        if (_region is null || await GrainFactory.GetGrain<IHospitalGrain>(hospitalId).GetState() is not { } hospital)
        {
            return null;
        }
        var now = time.GetUtcNow();
        var patientGrain = GrainFactory.GetGrain<IPatientGrain>(patientId);
        // A patient the ranking asks a resus bay for (major trauma, NEWS2 high) gets one soft-held on the way in.
        var holdBasis = await patientGrain.GetState() is { } current
            ? CareRequirements.For(PatientNeedsOf.From(current, Position ?? hospital.Hospital.Position), dispatch.Ranking).ResusBayBasis
            : null;
        var decision = new Destination(hospitalId, hospital.Hospital.Position, this.GetPrimaryKeyString(), patientId,
            decidedBy, now, reason, RecommendedRank: null, EtaMinutes: null, EtaAt: null, ResusHoldBasis: holdBasis);
        decision = dispatch.WithNewHold(dispatch.WithEta(decision, Position, now), now);
        // The patient fills in the recommended rank; the hospital's list and the push then carry the same decision.
        var patient = await patientGrain.SetDestination(decision);
        decision = patient?.Destination ?? decision;
        if (_destination is { } previous && previous.HospitalId != hospitalId)
        {
            await GrainFactory.GetGrain<IHospitalGrain>(previous.HospitalId).RemoveInbound(previous.UnitId);
        }
        await GrainFactory.GetGrain<IHospitalGrain>(hospitalId).SetInbound(decision);
        // A dispatcher's decision: stored before it is confirmed.
        await _state.WriteThrough(() =>
        {
            _destination = decision;
            BoundPatientId = patientId;
            return true;
        });
        await Changed();
        return Snapshot();
    }

    /// <summary>
    /// The unit is at its destination (geofence or crew status): the hospital moves it to its arrived list and ends
    /// the hold, the patient's destination says when it arrived, and the unit has no destination any more.
    /// </summary>
    private async Task Arrive(Destination trip, DateTimeOffset at)
    {
        var arrived = await GrainFactory.GetGrain<IHospitalGrain>(trip.HospitalId).MarkArrived(trip.UnitId, at)
            ?? trip with { ArrivedAt = at, ResusHoldUntil = null, EtaMinutes = 0, EtaAt = at };
        await GrainFactory.GetGrain<IPatientGrain>(trip.PatientId).SetDestination(arrived);
        _destination = null;
    }

    /// <summary>Lists the unit in its region's directory (once per region) and pushes its new state.</summary>
    private async Task Changed()
    {
        _version++;
        StateChanged();
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
                _destination is null ? null : dispatch.WithEta(_destination, Position, time.GetUtcNow()), _times);
}
