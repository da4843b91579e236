namespace Emergency.Handover.Delivery;

/// <summary>Where a patient's handover record stands. Wire codes: <c>none|not-configured|pending|delivered|failed</c>.</summary>
public enum HandoverState : byte
{
    /// <summary>No destination yet: nothing to send.</summary>
    None = 0,

    /// <summary>The destination hospital has no FHIR endpoint configured.</summary>
    NotConfigured = 1,

    /// <summary>A version is being sent (first attempt or retrying).</summary>
    Pending = 2,

    /// <summary>The receiver accepted the current version.</summary>
    Delivered = 3,

    /// <summary>The current version could not be delivered (after the last attempt, or refused by the receiver).</summary>
    Failed = 4,
}

public static class HandoverStateCodes
{
    public static string ToCode(this HandoverState state) => state switch
    {
        HandoverState.None => "none",
        HandoverState.NotConfigured => "not-configured",
        HandoverState.Pending => "pending",
        HandoverState.Delivered => "delivered",
        HandoverState.Failed => "failed",
        _ => throw new ArgumentOutOfRangeException(nameof(state), state, null),
    };
}

/// <summary>
/// The delivery of a patient's handover record. <see cref="Version"/> is the newest version made;
/// <see cref="DeliveredVersion"/> / <see cref="DeliveredAt"/> the newest the receiver accepted, with its answer.
/// </summary>
[GenerateSerializer, Immutable, Alias("Emergency.Handover.HandoverStatus")]
public sealed record HandoverStatus(
    [property: Id(0)] string PatientId,
    [property: Id(1)] HandoverState State,
    [property: Id(2)] string? Region = null,
    [property: Id(3)] string? HospitalId = null,
    [property: Id(4)] string? Endpoint = null,
    [property: Id(5)] int Version = 0,
    [property: Id(6)] string? DocumentId = null,
    [property: Id(7)] string? Trigger = null,
    [property: Id(8)] int Attempts = 0,
    [property: Id(9)] int Retries = 0,
    [property: Id(10)] DateTimeOffset? LastAttemptAt = null,
    [property: Id(11)] string? LastError = null,
    [property: Id(12)] int? DeliveredVersion = null,
    [property: Id(13)] DateTimeOffset? DeliveredAt = null,
    [property: Id(14)] int? ReceiverStatus = null,
    [property: Id(15)] string? ReceiverLocation = null,
    [property: Id(16)] bool Final = false,
    [property: Id(17)] DateTimeOffset? UpdatedAt = null);

/// <summary>The outcome of one attempt to send a version.</summary>
/// <param name="At">When the receiver answered (or the attempt failed).</param>
/// <param name="StatusCode">The receiver's HTTP status; null when no answer came (connection, timeout).</param>
/// <param name="Location">The receiver's <c>Location</c> header, when given.</param>
/// <param name="Error">Why it failed; null on success.</param>
/// <param name="WillRetry">Another attempt follows.</param>
[GenerateSerializer, Immutable, Alias("Emergency.Handover.DeliveryAttempt")]
public sealed record DeliveryAttempt(
    [property: Id(0)] DateTimeOffset At,
    [property: Id(1)] int? StatusCode,
    [property: Id(2)] string? Location,
    [property: Id(3)] string? Error,
    [property: Id(4)] bool WillRetry);

/// <summary>A version of the record as it was sent: its id and the exact JSON, so a resend is byte for byte the same.</summary>
[GenerateSerializer, Immutable, Alias("Emergency.Handover.HandoverDocument")]
public sealed record HandoverDocument(
    [property: Id(0)] int Version,
    [property: Id(1)] string DocumentId,
    [property: Id(2)] string HospitalId,
    [property: Id(3)] string Endpoint,
    [property: Id(4)] string Json);

/// <summary>The crew handed the patient over to the hospital at <see cref="At"/>; <see cref="By"/> says who recorded it.</summary>
[GenerateSerializer, Immutable, Alias("Emergency.Handover.TransferOfCare")]
public sealed record TransferOfCare([property: Id(0)] DateTimeOffset At, [property: Id(1)] string By);
