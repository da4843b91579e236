namespace Emergency.Domain.Scoring;

/// <summary>Whether NEWS2 may be used for a patient, and if not, why.</summary>
/// <param name="Applicable">NEWS2 is valid for this patient.</param>
/// <param name="Reason">Why it is not (e.g. "under 16 years (age 15)"); null when applicable.</param>
[GenerateSerializer, Immutable, Alias("Emergency.News2ApplicabilityResult")]
public readonly record struct News2ApplicabilityResult(
    [property: Id(0)] bool Applicable,
    [property: Id(1)] string? Reason)
{
    /// <summary>NEWS2 applies.</summary>
    public static readonly News2ApplicabilityResult Yes = new(true, null);

    /// <summary>NEWS2 does not apply, for <paramref name="reason"/>.</summary>
    public static News2ApplicabilityResult No(string reason) => new(false, reason);
}
