namespace Emergency.Domain.Scoring;

/// <summary>
/// Thresholds and windows of <see cref="TrendRules"/>. Every value is configurable; the defaults are listed on each
/// property. <see cref="Validate"/> lists what is inconsistent.
/// </summary>
/// <remarks>
/// The thresholds are service choices, not published cut-offs. NEWS2 charts record serial scores so that a rising
/// score is noticed (Royal College of Physicians, NEWS2, 2017), but fix no delta; 2 points is more than the
/// one-point wobble a single parameter sitting on a band edge produces. The single-parameter deltas (SpO2 4 points,
/// heart rate 20 beats/min, systolic 20 mmHg, each within 5 minutes) are sized to exceed measurement noise and to
/// show a deterioration before the NEWS2 band edge it is heading for.
/// </remarks>
public sealed record TrendOptions
{
    /// <summary>The default options.</summary>
    public static readonly TrendOptions Default = new();

    /// <summary>Short window over which the NEWS2 change is reported. Default 5 minutes.</summary>
    public TimeSpan News2ShortWindow { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Long window over which the NEWS2 change is reported. Default 15 minutes.</summary>
    public TimeSpan News2LongWindow { get; init; } = TimeSpan.FromMinutes(15);

    /// <summary>The rising rule fires when NEWS2 rises by at least this much within <see cref="RisingWindow"/>. Default 2.</summary>
    public int RisingDelta { get; init; } = 2;

    /// <summary>Window of the rising rule. Default 15 minutes.</summary>
    public TimeSpan RisingWindow { get; init; } = TimeSpan.FromMinutes(15);

    /// <summary>SpO2 falling: a drop of at least this many percentage points over <see cref="Spo2Window"/>. Default 4.</summary>
    public double Spo2Drop { get; init; } = 4;

    /// <summary>Window of the SpO2 rule. Default 5 minutes.</summary>
    public TimeSpan Spo2Window { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Heart rate rising: a rise of at least this many beats/min over <see cref="HrWindow"/>. Default 20.</summary>
    public double HrRise { get; init; } = 20;

    /// <summary>Window of the heart-rate rule. Default 5 minutes.</summary>
    public TimeSpan HrWindow { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Systolic falling: a drop of at least this many mmHg over <see cref="SbpWindow"/>. Default 20.</summary>
    public double SbpDrop { get; init; } = 20;

    /// <summary>Window of the systolic rule. Default 5 minutes.</summary>
    public TimeSpan SbpWindow { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Length of the start and end segments of a window whose medians are compared (SpO2 and heart rate).
    /// Default 1 minute. At most half the window.
    /// </summary>
    public TimeSpan EdgeSpan { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>Fewest readings each segment needs before SpO2 or heart rate is judged. Default 3.</summary>
    public int MinEdgeSamples { get; init; } = 3;

    /// <summary>
    /// Segment length for systolic pressure. Default 2.5 minutes (half the default window): non-invasive pressure is
    /// measured in cycles of minutes, not every second, so its segments are the two halves of the window.
    /// </summary>
    public TimeSpan SbpEdgeSpan { get; init; } = TimeSpan.FromMinutes(2.5);

    /// <summary>
    /// Fewest systolic readings per segment. Default 1: each cuff reading is a deliberate measurement, not a noisy
    /// sample of a continuous signal.
    /// </summary>
    public int SbpMinEdgeSamples { get; init; } = 1;

    /// <summary>Every inconsistency, each starting with the property name; empty when valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        Positive(errors, nameof(News2ShortWindow), News2ShortWindow);
        Positive(errors, nameof(News2LongWindow), News2LongWindow);
        Positive(errors, nameof(RisingWindow), RisingWindow);
        Positive(errors, nameof(Spo2Window), Spo2Window);
        Positive(errors, nameof(HrWindow), HrWindow);
        Positive(errors, nameof(SbpWindow), SbpWindow);
        Positive(errors, nameof(EdgeSpan), EdgeSpan);
        Positive(errors, nameof(SbpEdgeSpan), SbpEdgeSpan);
        if (RisingDelta < 1) errors.Add($"{nameof(RisingDelta)}: must be at least 1");
        if (!(Spo2Drop > 0)) errors.Add($"{nameof(Spo2Drop)}: must be positive");
        if (!(HrRise > 0)) errors.Add($"{nameof(HrRise)}: must be positive");
        if (!(SbpDrop > 0)) errors.Add($"{nameof(SbpDrop)}: must be positive");
        if (MinEdgeSamples < 1) errors.Add($"{nameof(MinEdgeSamples)}: must be at least 1");
        if (SbpMinEdgeSamples < 1) errors.Add($"{nameof(SbpMinEdgeSamples)}: must be at least 1");
        HalfWindow(errors, nameof(EdgeSpan), EdgeSpan, nameof(Spo2Window), Spo2Window);
        HalfWindow(errors, nameof(EdgeSpan), EdgeSpan, nameof(HrWindow), HrWindow);
        HalfWindow(errors, nameof(SbpEdgeSpan), SbpEdgeSpan, nameof(SbpWindow), SbpWindow);
        return errors;
    }

    /// <summary>Throws when <see cref="Validate"/> finds anything.</summary>
    /// <exception cref="ArgumentException">The options are inconsistent.</exception>
    public void EnsureValid()
    {
        var errors = Validate();
        if (errors.Count > 0) throw new ArgumentException("Invalid trend options: " + string.Join("; ", errors));
    }

    private static void Positive(List<string> errors, string name, TimeSpan value)
    {
        if (value <= TimeSpan.Zero) errors.Add($"{name}: must be positive");
    }

    private static void HalfWindow(List<string> errors, string edgeName, TimeSpan edge, string windowName, TimeSpan window)
    {
        if (edge > TimeSpan.Zero && window > TimeSpan.Zero && edge + edge > window)
        {
            errors.Add($"{edgeName}: must be at most half of {windowName}");
        }
    }
}
