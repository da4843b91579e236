using Emergency.Handover.Delivery;

namespace Emergency.Handover.Api;

/// <summary>The delivery status as the API and the <c>handoverUpdated</c> push show it (camelCase JSON).</summary>
public sealed record HandoverStatusDto(
    string PatientId,
    string State,
    string? HospitalId,
    string? Endpoint,
    int Version,
    string? DocumentId,
    string? Trigger,
    int Attempts,
    int Retries,
    DateTimeOffset? LastAttemptAt,
    string? LastError,
    int? DeliveredVersion,
    DateTimeOffset? DeliveredAt,
    int? ReceiverStatus,
    string? ReceiverLocation,
    bool Final,
    DateTimeOffset? UpdatedAt)
{
    public static HandoverStatusDto From(HandoverStatus s) => new(s.PatientId, s.State.ToCode(), s.HospitalId, s.Endpoint, s.Version,
        s.DocumentId, s.Trigger, s.Attempts, s.Retries, s.LastAttemptAt, s.LastError, s.DeliveredVersion, s.DeliveredAt,
        s.ReceiverStatus, s.ReceiverLocation, s.Final, s.UpdatedAt);
}
