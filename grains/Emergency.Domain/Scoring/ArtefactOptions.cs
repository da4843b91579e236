namespace Emergency.Domain.Scoring;

/// <summary>Settings of <see cref="ArtefactFilter"/>; every value configurable, defaults on each property.</summary>
public sealed record ArtefactOptions
{
    /// <summary>The default options.</summary>
    public static readonly ArtefactOptions Default = new();

    /// <summary>
    /// How long a reading in a new NEWS2 band must hold before it is scored. Default 10 seconds: the role of the
    /// alarm condition delay of a bedside monitor (IEC 60601-1-8), which keeps a moment's artefact from alarming.
    /// </summary>
    public TimeSpan ConfirmationDelay { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Consecutive readings in a new band (on the same side of the confirmed value) that confirm it before the delay
    /// has passed. Default 3. Does not apply to a suspected artefact, which needs the whole delay.
    /// </summary>
    public int ConfirmationFrames { get; init; } = 3;

    /// <summary>
    /// An SpO2 drop of at least this many points from the confirmed value is a suspected artefact (a probe slipping,
    /// poor perfusion at the finger): no patient desaturates that far between two readings. Default 40.
    /// </summary>
    public double Spo2ArtefactDrop { get; init; } = 40;

    /// <summary>
    /// A heart-rate change of at least this many beats/min from the confirmed value, either way, is a suspected
    /// motion artefact. Default 40.
    /// </summary>
    public double HrArtefactJump { get; init; } = 40;

    /// <summary>
    /// A confirmed value not supported by a reading for this long is no longer scored (null). Default 5 minutes, the
    /// default of <c>Patients:Freshness</c>.
    /// </summary>
    public TimeSpan Freshness { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Every inconsistency, each starting with the property name; empty when valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (ConfirmationDelay < TimeSpan.Zero) errors.Add($"{nameof(ConfirmationDelay)}: must not be negative");
        if (ConfirmationFrames < 1) errors.Add($"{nameof(ConfirmationFrames)}: must be at least 1");
        if (!(Spo2ArtefactDrop > 0)) errors.Add($"{nameof(Spo2ArtefactDrop)}: must be positive");
        if (!(HrArtefactJump > 0)) errors.Add($"{nameof(HrArtefactJump)}: must be positive");
        if (Freshness <= TimeSpan.Zero) errors.Add($"{nameof(Freshness)}: must be positive");
        return errors;
    }

    /// <summary>Throws when <see cref="Validate"/> finds anything.</summary>
    /// <exception cref="ArgumentException">The options are inconsistent.</exception>
    public void EnsureValid()
    {
        var errors = Validate();
        if (errors.Count > 0) throw new ArgumentException("Invalid artefact options: " + string.Join("; ", errors));
    }
}
