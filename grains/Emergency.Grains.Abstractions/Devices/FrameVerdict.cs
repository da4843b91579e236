namespace Emergency.Grains.Devices;

/// <summary>What became of one frame a device sent.</summary>
public enum FrameOutcome : byte
{
    /// <summary>New information, applied to the patient (or ambulance).</summary>
    Applied = 0,
    /// <summary>A late frame that filled a gap in the device's sequence: stored, never overwriting newer values.</summary>
    GapFilled = 1,
    /// <summary>The device already sent this <c>seq</c>: ignored and counted.</summary>
    Duplicate = 2,
    /// <summary>Refused whole for the reason given; nothing of it applied.</summary>
    Refused = 3,
}

/// <summary>
/// A frame's outcome; for vitals also the patient it was attributed to (named in the frame, or the device's bound
/// patient), so the journal and history record who it belongs to.
/// </summary>
[GenerateSerializer, Immutable, Alias("Emergency.FrameVerdict")]
public readonly record struct FrameVerdict(
    [property: Id(0)] FrameOutcome Outcome,
    [property: Id(1)] string? Reason = null,
    [property: Id(2)] string? PatientId = null)
{
    public static readonly FrameVerdict Applied = new(FrameOutcome.Applied);
    public static readonly FrameVerdict GapFilled = new(FrameOutcome.GapFilled);
    public static readonly FrameVerdict Duplicate = new(FrameOutcome.Duplicate);
    public static FrameVerdict Refused(string reason) => new(FrameOutcome.Refused, reason);
    public FrameVerdict For(string? patientId) => this with { PatientId = patientId };
    public bool IsAccepted => Outcome is FrameOutcome.Applied or FrameOutcome.GapFilled;
}
