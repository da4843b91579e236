using System.Collections.Immutable;
using Emergency.Grains;
using Emergency.Handover.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Emergency.Handover.Delivery;

/// <summary>
/// Holds one patient's handover record state. The delivery itself runs outside grains
/// (<see cref="HandoverDispatcher"/>): HTTP calls with back-off must never hold a grain turn.
/// </summary>
public sealed class HandoverGrain([FromKeyedServices(ClinicalTime.Key)] TimeProvider time) : Grain, IHandoverGrain
{
    private HandoverStatus? _status;
    private HandoverDocument? _current;
    private int _lastVersion;
    private IdentityLink? _identity;
    private ImmutableArray<IdentityAuditEntry> _audit = [];
    private TransferOfCare? _transfer;

    private HandoverStatus Status => _status ??= new HandoverStatus(this.GetPrimaryKeyString(), HandoverState.None);

    public Task<HandoverStatus> GetStatus() => Task.FromResult(Status);

    public Task<HandoverStatus> MarkNotConfigured(string region, string hospitalId)
    {
        _status = Status with
        {
            State = HandoverState.NotConfigured, Region = region, HospitalId = hospitalId, Endpoint = null,
            LastError = $"no FHIR endpoint configured for hospital {hospitalId} (Handover:Endpoints:{hospitalId})",
            UpdatedAt = time.GetUtcNow(),
        };
        return Task.FromResult(_status);
    }

    public Task<int> NextVersion() => Task.FromResult(++_lastVersion);

    public Task<HandoverStatus> BeginDelivery(string region, HandoverDocument document, string trigger, bool final)
    {
        if (_current is { } current && current.Version > document.Version)
        {
            return Task.FromResult(Status); // a newer version is already on its way
        }
        _current = document;
        _status = Status with
        {
            State = HandoverState.Pending, Region = region, HospitalId = document.HospitalId, Endpoint = document.Endpoint,
            Version = document.Version, DocumentId = document.DocumentId, Trigger = trigger, Attempts = 0,
            LastError = null, Final = final, UpdatedAt = time.GetUtcNow(),
        };
        return Task.FromResult(_status);
    }

    public Task<HandoverDocument?> GetCurrentDocument() => Task.FromResult(_current);

    public Task<HandoverStatus> RecordAttempt(int version, DeliveryAttempt attempt)
    {
        if (version != Status.Version)
        {
            return Task.FromResult(Status);
        }
        var delivered = attempt.Error is null;
        _status = Status with
        {
            State = delivered ? HandoverState.Delivered : attempt.WillRetry ? HandoverState.Pending : HandoverState.Failed,
            Attempts = Status.Attempts + 1,
            Retries = Status.Retries + (attempt.WillRetry ? 1 : 0),
            LastAttemptAt = attempt.At,
            LastError = attempt.Error,
            DeliveredVersion = delivered ? version : Status.DeliveredVersion,
            DeliveredAt = delivered ? attempt.At : Status.DeliveredAt,
            ReceiverStatus = attempt.StatusCode ?? Status.ReceiverStatus,
            ReceiverLocation = delivered ? attempt.Location : Status.ReceiverLocation,
            UpdatedAt = time.GetUtcNow(),
        };
        return Task.FromResult(_status);
    }

    public Task<IdentityLink?> GetIdentity() => Task.FromResult(_identity);

    public Task<ImmutableArray<IdentityAuditEntry>> LinkIdentity(IdentityLink link)
    {
        var action = _identity is null ? "linked" : "changed";
        _identity = link;
        _audit = _audit.Add(new IdentityAuditEntry(link.LinkedAt, link.LinkedBy, action, link));
        return Task.FromResult(_audit);
    }

    public Task<ImmutableArray<IdentityAuditEntry>> GetIdentityAudit() => Task.FromResult(_audit);

    public Task<TransferOfCare> RecordTransferOfCare(string by, DateTimeOffset at)
    {
        _transfer ??= new TransferOfCare(at, by);
        return Task.FromResult(_transfer);
    }

    public Task<TransferOfCare?> GetTransferOfCare() => Task.FromResult(_transfer);
}
