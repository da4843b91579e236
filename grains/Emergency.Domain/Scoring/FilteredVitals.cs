using Emergency.Domain.Vitals;

namespace Emergency.Domain.Scoring;

/// <summary>The vital signs to score after artefact filtering, and what became of each reading.</summary>
/// <param name="Confirmed">
/// The confirmed, fresh value of every parameter: score these (NEWS2, qSOFA, shock index). A parameter with no
/// confirmed value measured within <see cref="ArtefactOptions.Freshness"/> is null.
/// </param>
/// <param name="Flags">The status of each filtered parameter's reading.</param>
[GenerateSerializer, Immutable, Alias("Emergency.FilteredVitals")]
public readonly record struct FilteredVitals(
    [property: Id(0)] VitalSigns Confirmed,
    [property: Id(1)] ReadingFlags Flags);
