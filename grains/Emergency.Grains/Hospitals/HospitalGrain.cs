using System.Collections.Immutable;
using Emergency.Domain.Dispatch;
using Emergency.Domain.Hospitals;
using Emergency.Grains.Live;
using Emergency.Grains.Persistence;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Emergency.Grains.Hospitals;

/// <summary>
/// One hospital: its record, capacity reports (validated, stamped with who and when), the units heading there with
/// their resuscitation-bay holds, and the units that arrived recently. Every accepted report and every hold that
/// starts or ends is handed to the live push sink at once. Kept alive: the record is seeded only at start-up.
/// Capacity reports, holds and arrivals are stored before the call succeeds (<see cref="HospitalStoredState"/>); a
/// failed write leaves memory as it was and fails the call.
/// </summary>
[KeepAlive]
public sealed class HospitalGrain(
    ILivePushSink push,
    [FromKeyedServices(ClinicalTime.Key)] TimeProvider time,
    IOptions<HospitalOptions> options,
    [PersistentState("hospital", GrainStorageNames.State)] IPersistentState<HospitalStoredState> store,
    IDirtyGrains dirtyGrains,
    Orleans.Serialization.DeepCopier copier) : Grain, IHospitalGrain, ISnapshotGrain
{
    /// <summary>How often expired holds are looked for while any is in force (reads apply them at once anyway).</summary>
    private static readonly TimeSpan HoldSweepPeriod = TimeSpan.FromSeconds(30);

    private readonly HospitalOptions _options = options.Value;
    private readonly Dictionary<string, Destination> _inbound = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Destination> _arrived = new(StringComparer.Ordinal);
    private Hospital? _hospital;
    private bool _reported;
    private IGrainTimer? _holdSweep;
    private PersistedState<HospitalStoredState> _state = null!;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _state = new PersistedState<HospitalStoredState>(store, dirtyGrains, copier, this.GetGrainId(), Capture, Restore);
        if (_state.Exists)
        {
            Restore(_state.Stored);
        }
        return Task.CompletedTask;
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken) =>
        _state.FlushOnDeactivation();

    public Task FlushSnapshot() => _state.Flush();

    public Task Seed(Hospital hospital)
    {
        _hospital = _reported && _hospital is { } current
            ? hospital with { Capacity = current.Capacity, Status = current.Status, UpdatedAt = current.UpdatedAt, UpdatedBy = current.UpdatedBy }
            : hospital;
        return Task.CompletedTask;
    }

    public Task<HospitalState?> GetState()
    {
        if (_hospital is null)
        {
            return Task.FromResult<HospitalState?>(null);
        }
        ExpireHolds();
        return Task.FromResult<HospitalState?>(State());
    }

    public async Task<CapacityReportResult> ReportCapacity(HospitalCapacity? capacity, EdStatus? status, string updatedBy)
    {
        if (_hospital is null)
        {
            return new CapacityReportResult([$"hospital {this.GetPrimaryKeyString()} is not known"], null);
        }
        var now = time.GetUtcNow();
        var errors = CapacityValidator.Validate(capacity, status, now);
        if (errors.Count > 0)
        {
            return new CapacityReportResult([.. errors], null);
        }
        await _state.WriteThrough(() =>
        {
            _hospital = _hospital.WithReport(capacity!, status!, now, updatedBy);
            _reported = true;
            return true;
        });
        ExpireHolds();
        var state = State();
        push.HospitalChanged(state);
        return new CapacityReportResult([], state);
    }

    public async Task<HospitalState> SetInbound(Destination destination)
    {
        ExpireHolds();
        _inbound.TryGetValue(destination.UnitId, out var previous);
        if (DestinationChange.OnlyEtaMoved(previous, destination))
        {
            _inbound[destination.UnitId] = destination; // an ETA refresh on a position fix: snapshotted
            _state.Changed();
        }
        else
        {
            await _state.WriteThrough(() =>
            {
                _inbound[destination.UnitId] = destination;
                return _arrived.Remove(destination.UnitId);
            });
        }
        var state = State();
        if (IsHolding(previous) != IsHolding(destination))
        {
            push.HospitalChanged(state);
        }
        UpdateHoldSweep();
        return state;
    }

    public async Task RemoveInbound(string unitId)
    {
        if (!_inbound.TryGetValue(unitId, out var removed))
        {
            return;
        }
        await _state.WriteThrough(() => _inbound.Remove(unitId));
        if (IsHolding(removed) && _hospital is not null)
        {
            push.HospitalChanged(State());
        }
        UpdateHoldSweep();
    }

    public async Task<Destination?> MarkArrived(string unitId, DateTimeOffset at)
    {
        if (!_inbound.TryGetValue(unitId, out var trip))
        {
            return null;
        }
        var arrived = trip with { ArrivedAt = at, ResusHoldUntil = null, EtaMinutes = 0, EtaAt = at };
        await _state.WriteThrough(() =>
        {
            _inbound.Remove(unitId);
            _arrived[unitId] = arrived;
            return true;
        });
        if (_hospital is not null)
        {
            push.HospitalChanged(State());
        }
        UpdateHoldSweep();
        return arrived;
    }

    private HospitalStoredState Capture() => new()
    {
        Reported = _reported ? _hospital : null,
        Inbound = [.. _inbound.Values],
        Arrived = [.. _arrived.Values],
    };

    private void Restore(HospitalStoredState state)
    {
        // The region file seeds the record; only what people reported is restored over it (see Seed).
        _reported = state.Reported is not null;
        if (state.Reported is { } reported)
        {
            _hospital = _hospital is { } seeded
                ? seeded with { Capacity = reported.Capacity, Status = reported.Status, UpdatedAt = reported.UpdatedAt, UpdatedBy = reported.UpdatedBy }
                : reported;
        }
        _inbound.Clear();
        foreach (var d in state.Inbound) _inbound[d.UnitId] = d;
        _arrived.Clear();
        foreach (var d in state.Arrived) _arrived[d.UnitId] = d;
        UpdateHoldSweep();
    }

    private static bool IsHolding(Destination? d) => d?.ResusHoldUntil is not null;

    /// <summary>Ends the holds whose time-out has passed (pushing the change) and forgets arrivals past the list time.</summary>
    private void ExpireHolds()
    {
        var now = time.GetUtcNow();
        var expired = _inbound.Values.Where(d => d.ResusHoldUntil is { } until && !ResusHoldRules.IsActive(until, now)).ToList();
        foreach (var d in expired)
        {
            _inbound[d.UnitId] = d with { ResusHoldUntil = null };
        }
        foreach (var old in _arrived.Values.Where(d => d.ArrivedAt + _options.ArrivedListTime <= now).ToList())
        {
            _arrived.Remove(old.UnitId);
        }
        if (expired.Count > 0 && _hospital is not null)
        {
            push.HospitalChanged(State());
        }
    }

    private void UpdateHoldSweep()
    {
        var holding = _inbound.Values.Any(IsHolding);
        if (holding && _holdSweep is null)
        {
            _holdSweep = this.RegisterGrainTimer(() =>
            {
                ExpireHolds();
                UpdateHoldSweep();
                return Task.CompletedTask;
            }, new GrainTimerCreationOptions(HoldSweepPeriod, HoldSweepPeriod) { Interleave = true });
        }
        else if (!holding && _holdSweep is not null)
        {
            _holdSweep.Dispose();
            _holdSweep = null;
        }
    }

    private HospitalState State() => new(
        _hospital!,
        Staleness.IsStale(_hospital!.UpdatedAt, time.GetUtcNow(), _options.CapacityMaxAge),
        [.. _inbound.Values.OrderBy(d => d.EtaAt ?? DateTimeOffset.MaxValue).ThenBy(d => d.UnitId, StringComparer.Ordinal)],
        [.. _arrived.Values.OrderByDescending(d => d.ArrivedAt).ThenBy(d => d.UnitId, StringComparer.Ordinal)],
        _inbound.Values.Count(IsHolding));
}
