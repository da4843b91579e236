namespace Emergency.Domain.Alerts;

/// <summary>A condition that calls for an alert right now.</summary>
/// <param name="Kind">Which alert it feeds; at most one condition per kind is used (the highest priority).</param>
/// <param name="Priority">The priority the condition itself calls for.</param>
/// <param name="Reason">For people, e.g. "qSOFA 2 (RR ≥22, altered mentation)".</param>
/// <param name="Score">
/// How bad it is on the kind's own scale (NEWS2 total, parameters at 3, qSOFA points, shock-index band); null when
/// the kind has none. For NEWS2 a rise of <see cref="AlertOptions.News2ReRaiseDelta"/> counts as worsening.
/// </param>
[GenerateSerializer, Immutable, Alias("Emergency.AlertCondition")]
public sealed record AlertCondition(
    [property: Id(0)] AlertKind Kind,
    [property: Id(1)] AlertPriority Priority,
    [property: Id(2)] string Reason,
    [property: Id(3)] int? Score = null);
