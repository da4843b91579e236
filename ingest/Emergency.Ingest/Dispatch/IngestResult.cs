namespace Emergency.Ingest.Dispatch;

public enum IngestOutcome : byte
{
    /// <summary>Applied (or a late gap fill stored): acknowledge.</summary>
    Accepted = 0,
    /// <summary>Seen before: acknowledge so the device forgets it, but do not apply or route it again.</summary>
    Duplicate = 1,
    /// <summary>Refused whole with a reason: acknowledge with an error (MQTT 5) and publish the reason.</summary>
    Refused = 2,
    /// <summary>Could not be applied now (the service is stopping or a grain failed): do not acknowledge.</summary>
    Failed = 3,
}

public enum RefusalKind : byte
{
    None = 0,
    Topic = 1,
    Payload = 2,
    State = 3,
    NotAuthorized = 4,
}

/// <summary>What ingest decided about one MQTT publish, independent of the broker that carried it.</summary>
public readonly record struct IngestResult(
    IngestOutcome Outcome,
    RefusalKind Refusal = RefusalKind.None,
    string? Reason = null,
    string? RejectTopic = null,
    long? Seq = null)
{
    public static readonly IngestResult Accepted = new(IngestOutcome.Accepted);
    public static readonly IngestResult Duplicate = new(IngestOutcome.Duplicate);
    public static IngestResult Failed(string reason) => new(IngestOutcome.Failed, Reason: reason);
}
