namespace Emergency.Domain.Alerts;

/// <summary>The outcome of a call on <see cref="AlertStateMachine"/>.</summary>
/// <remarks>Suggested HTTP mapping: Ok and AlreadyAcknowledged → 200, UnknownAlert → 404, AlreadyCleared → 409, InvalidArgument → 400.</remarks>
public enum AlertCommandStatus : byte
{
    /// <summary>Done (the events say what changed; none is fine).</summary>
    Ok = 0,

    /// <summary>The alert was acknowledged before: nothing changed, the first acknowledgement stands.</summary>
    AlreadyAcknowledged = 1,

    /// <summary>The alert was cleared without an acknowledgement: it can no longer be acknowledged.</summary>
    AlreadyCleared = 2,

    /// <summary>No alert of this patient has that id (or it has left the bounded history).</summary>
    UnknownAlert = 3,

    /// <summary>An argument was unusable, e.g. an empty acknowledger.</summary>
    InvalidArgument = 4,
}
