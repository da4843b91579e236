using System.Collections.Immutable;
using Emergency.Domain.Hospitals;
using Emergency.Grains.Live;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Emergency.Grains.Hospitals;

/// <summary>
/// One hospital: its record, capacity reports (validated, stamped with who and when) and the units heading there.
/// Every accepted report is handed to the live push sink at once. Kept alive: the record is seeded only at start-up.
/// </summary>
[KeepAlive]
public sealed class HospitalGrain(
    ILivePushSink push,
    [FromKeyedServices(ClinicalTime.Key)] TimeProvider time,
    IOptions<HospitalOptions> options) : Grain, IHospitalGrain
{
    private readonly TimeSpan _maxAge = options.Value.CapacityMaxAge;
    private readonly Dictionary<string, Destination> _inbound = new(StringComparer.Ordinal);
    private Hospital? _hospital;
    private bool _reported;

    public Task Seed(Hospital hospital)
    {
        _hospital = _reported && _hospital is { } current
            ? hospital with { Capacity = current.Capacity, Status = current.Status, UpdatedAt = current.UpdatedAt, UpdatedBy = current.UpdatedBy }
            : hospital;
        return Task.CompletedTask;
    }

    public Task<HospitalState?> GetState() => Task.FromResult(_hospital is null ? null : State());

    public Task<CapacityReportResult> ReportCapacity(HospitalCapacity? capacity, EdStatus? status, string updatedBy)
    {
        if (_hospital is null)
        {
            return Task.FromResult(new CapacityReportResult([$"hospital {this.GetPrimaryKeyString()} is not known"], null));
        }
        var now = time.GetUtcNow();
        var errors = CapacityValidator.Validate(capacity, status, now);
        if (errors.Count > 0)
        {
            return Task.FromResult(new CapacityReportResult([.. errors], null));
        }
        _hospital = _hospital.WithReport(capacity!, status!, now, updatedBy);
        _reported = true;
        var state = State();
        push.HospitalChanged(state);
        return Task.FromResult(new CapacityReportResult([], state));
    }

    public Task<HospitalState> SetInbound(Destination destination)
    {
        _inbound[destination.UnitId] = destination;
        return Task.FromResult(State());
    }

    public Task RemoveInbound(string unitId)
    {
        _inbound.Remove(unitId);
        return Task.CompletedTask;
    }

    private HospitalState State() => new(
        _hospital!,
        Staleness.IsStale(_hospital!.UpdatedAt, time.GetUtcNow(), _maxAge),
        [.. _inbound.Values.OrderBy(d => d.EtaAt ?? DateTimeOffset.MaxValue).ThenBy(d => d.UnitId, StringComparer.Ordinal)]);
}
