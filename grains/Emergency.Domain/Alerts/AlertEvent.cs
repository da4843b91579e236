namespace Emergency.Domain.Alerts;

/// <summary>Something that happened to an alert, with the alert as it stands afterwards.</summary>
/// <param name="Kind">What happened.</param>
/// <param name="Alert">The alert after the change.</param>
/// <param name="At">When (the time passed to the call that produced it).</param>
[GenerateSerializer, Immutable, Alias("Emergency.AlertEvent")]
public sealed record AlertEvent(
    [property: Id(0)] AlertEventKind Kind,
    [property: Id(1)] Alert Alert,
    [property: Id(2)] DateTimeOffset At);
