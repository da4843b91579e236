using System.Collections.Immutable;
using Emergency.Handover.Identity;

namespace Emergency.Handover.Delivery;

/// <summary>
/// One patient's handover record, keyed by patient id: the versions sent and their delivery, the identity linked by
/// the hospital (with its audit trail), and transfer of care.
/// </summary>
[Alias("Emergency.Handover.IHandoverGrain")]
public interface IHandoverGrain : IGrainWithStringKey
{
    /// <summary>The delivery status as of now (<see cref="HandoverState.None"/> before anything was sent).</summary>
    [Alias("GetStatus")]
    Task<HandoverStatus> GetStatus();

    /// <summary>Records that the destination hospital has no FHIR endpoint, so nothing is sent.</summary>
    [Alias("MarkNotConfigured")]
    Task<HandoverStatus> MarkNotConfigured(string region, string hospitalId);

    /// <summary>Reserves the next version number for a record about to be built (1 for the first).</summary>
    [Alias("NextVersion")]
    Task<int> NextVersion();

    /// <summary>Keeps <paramref name="document"/> as the current version, now pending delivery, made because of <paramref name="trigger"/>.</summary>
    [Alias("BeginDelivery")]
    Task<HandoverStatus> BeginDelivery(string region, HandoverDocument document, string trigger, bool final);

    /// <summary>The current version exactly as sent, or null before the first.</summary>
    [Alias("GetCurrentDocument")]
    Task<HandoverDocument?> GetCurrentDocument();

    /// <summary>Records one attempt to send <paramref name="version"/>; ignored for a version older than the current one.</summary>
    [Alias("RecordAttempt")]
    Task<HandoverStatus> RecordAttempt(int version, DeliveryAttempt attempt);

    /// <summary>The hospital's identity linked to the temporary one, or null.</summary>
    [Alias("GetIdentity")]
    Task<IdentityLink?> GetIdentity();

    /// <summary>Links (or changes) the hospital's identity; every call is added to the audit trail.</summary>
    [Alias("LinkIdentity")]
    Task<ImmutableArray<IdentityAuditEntry>> LinkIdentity(IdentityLink link);

    /// <summary>Every identity link and change, oldest first.</summary>
    [Alias("GetIdentityAudit")]
    Task<ImmutableArray<IdentityAuditEntry>> GetIdentityAudit();

    /// <summary>Records the transfer of care (the first one stands); answers its time and who handed over.</summary>
    [Alias("RecordTransferOfCare")]
    Task<TransferOfCare> RecordTransferOfCare(string by, DateTimeOffset at);

    /// <summary>The transfer of care, or null while the crew still has the patient.</summary>
    [Alias("GetTransferOfCare")]
    Task<TransferOfCare?> GetTransferOfCare();
}
