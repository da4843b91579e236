namespace Emergency.Domain.Hospitals;

/// <summary>
/// An emergency department's declared status. Wire form: <c>{"state":"diversion","reason":"CT down","until":"…"}</c>.
/// </summary>
/// <param name="State">Open or on diversion.</param>
/// <param name="Reason">Why the department is on diversion (required then, see <see cref="CapacityValidator"/>); a free
/// note when open.</param>
/// <param name="Until">When a diversion ends by itself; null for "until lifted". Only meaningful with
/// <see cref="EdState.Diversion"/>.</param>
[GenerateSerializer, Immutable, Alias("Emergency.EdStatus")]
public sealed record EdStatus(
    [property: Id(0)] EdState State,
    [property: Id(1)] string? Reason = null,
    [property: Id(2)] DateTimeOffset? Until = null)
{
    /// <summary>Open, no note.</summary>
    public static EdStatus Open { get; } = new(EdState.Open);

    /// <summary>On diversion for <paramref name="reason"/>, optionally until a time.</summary>
    public static EdStatus Diversion(string reason, DateTimeOffset? until = null) => new(EdState.Diversion, reason, until);

    /// <summary>
    /// Whether the diversion is in force at <paramref name="now"/>: state is diversion and <see cref="Until"/> is
    /// unset or still ahead. A diversion whose end time has passed has lapsed, even if nobody has reset the state.
    /// </summary>
    public bool IsDiversionAt(DateTimeOffset now) => State == EdState.Diversion && (Until is null || Until > now);

    /// <summary>Diversion state with an end time that has passed at <paramref name="now"/>.</summary>
    public bool HasLapsedAt(DateTimeOffset now) => State == EdState.Diversion && Until is { } until && until <= now;
}
