namespace Emergency.Domain.Patients;

/// <summary>What <see cref="EdSeenRules.Decide"/> concluded: the status, why not (naming the field), and the
/// acknowledgement the patient holds afterwards.</summary>
public sealed record EdSeenDecision(EdSeenStatus Status, string? Error, EdSeen? Seen)
{
    /// <summary>True when the patient's acknowledgement changed (a push is due).</summary>
    public bool Changed => Status == EdSeenStatus.Ok;
}
