using Emergency.Domain.Vitals;

namespace Emergency.Domain.Scoring;

/// <summary>
/// Confirmation of one numeric vital sign: which value is scored, and whether the latest reading is pending or an
/// artefact. One per parameter inside <see cref="ArtefactFilterState"/>; see <see cref="ArtefactFilter"/> for the rules.
/// </summary>
/// <remarks>Not thread-safe: meant to live inside one grain.</remarks>
[GenerateSerializer, Alias("Emergency.ParameterConfirmation")]
public sealed class ParameterConfirmation
{
    public ParameterConfirmation(VitalParameter parameter)
    {
        if (parameter is not (VitalParameter.Hr or VitalParameter.Rr or VitalParameter.Spo2 or VitalParameter.Sbp
            or VitalParameter.Temp))
        {
            throw new ArgumentOutOfRangeException(nameof(parameter), parameter, "Not a NEWS2-scored numeric vital sign.");
        }
        Parameter = parameter;
    }

    /// <summary>The parameter confirmed.</summary>
    [Id(0)] public VitalParameter Parameter { get; private set; }

    /// <summary>The confirmed value: what is scored. Null before the first usable reading.</summary>
    [Id(1)] public double? Value { get; private set; }

    /// <summary>
    /// The latest reading that supports <see cref="Value"/>: a reading in its band, or the one that confirmed it.
    /// Freshness is judged from here, so readings stuck in pending or artefacts do not keep an old value alive.
    /// </summary>
    [Id(2)] public DateTimeOffset? ValueAt { get; private set; }

    /// <summary>Measurement time of the latest reading of any kind; an earlier one is late.</summary>
    [Id(3)] public DateTimeOffset? LastReadingAt { get; private set; }

    /// <summary>The status of the latest reading.</summary>
    [Id(4)] public ReadingStatus LastStatus { get; private set; }

    /// <summary>When the current run of readings outside the confirmed band began; null when none is pending.</summary>
    [Id(5)] public DateTimeOffset? PendingSince { get; private set; }

    /// <summary>Readings in the current pending run.</summary>
    [Id(6)] public int PendingFrames { get; private set; }

    /// <summary>The latest reading of the pending run.</summary>
    [Id(7)] public double? PendingValue { get; private set; }

    /// <summary>The pending run contains a suspected artefact (an implausible jump): it needs the whole delay.</summary>
    [Id(8)] public bool PendingSuspect { get; private set; }

    // +1 when the run is above the confirmed value, −1 below; a reading on the other side starts a new run.
    [Id(9)] private sbyte _pendingSide;

    /// <summary>Whether a change is waiting for confirmation.</summary>
    public bool IsPending => PendingSince.HasValue;

    /// <summary>The confirmed value if a reading supported it within <paramref name="freshness"/> before <paramref name="now"/>.</summary>
    public double? FreshValue(DateTimeOffset now, TimeSpan freshness) =>
        Value is { } v && ValueAt is { } at && at >= now - freshness ? v : null;

    /// <summary>Takes one reading measured at <paramref name="at"/> and says what became of it.</summary>
    /// <param name="at">Measurement time.</param>
    /// <param name="value">The reading.</param>
    /// <param name="scale">SpO2 scale for banding (SpO2 only).</param>
    /// <param name="onOxygen">Air or oxygen for banding on scale 2 (SpO2 only).</param>
    /// <param name="options">Delays and thresholds.</param>
    public ReadingStatus Observe(DateTimeOffset at, double value, Spo2Scale scale, bool? onOxygen, ArtefactOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!double.IsFinite(value)) return ReadingStatus.Absent;
        if (LastReadingAt is { } last && at < last) return ReadingStatus.Late; // leaves LastStatus alone
        LastReadingAt = at;

        if (Parameter == VitalParameter.Spo2 && Spo2ProbeOff.Is(value)) return Record(ReadingStatus.Artefact);

        // Nothing scored to protect: the first reading, or one after the confirmed value went stale.
        if (FreshValue(at, options.Freshness) is not { } confirmed)
        {
            return Confirm(at, value);
        }

        bool jump = IsJump(confirmed, value, options);
        if (!jump && Band(value, scale, onOxygen) == Band(confirmed, scale, onOxygen))
        {
            return Confirm(at, value); // same band: no effect on the score, nothing to confirm
        }

        sbyte side = value > confirmed ? (sbyte)1 : value < confirmed ? (sbyte)-1 : (sbyte)0;
        if (PendingSince is null || side != _pendingSide)
        {
            PendingSince = at;
            PendingFrames = 0;
            PendingSuspect = false;
            _pendingSide = side;
        }
        PendingFrames++;
        PendingSuspect |= jump;
        PendingValue = value;

        bool held = at - PendingSince.Value >= options.ConfirmationDelay;
        bool repeated = !PendingSuspect && PendingFrames >= options.ConfirmationFrames;
        if (held || repeated) return Confirm(at, value);

        return Record(PendingSuspect ? ReadingStatus.Artefact : ReadingStatus.Pending);
    }

    /// <summary>The NEWS2 score of <paramref name="value"/> for this parameter: the band confirmation works on.</summary>
    public int Band(double value, Spo2Scale scale, bool? onOxygen) => Parameter switch
    {
        VitalParameter.Hr => News2Calculator.ScorePulse(value),
        VitalParameter.Rr => News2Calculator.ScoreRespirationRate(value),
        VitalParameter.Spo2 => News2Calculator.ScoreSpo2(value, scale, onOxygen),
        VitalParameter.Sbp => News2Calculator.ScoreSystolic(value),
        _ => News2Calculator.ScoreTemperature(value),
    };

    private bool IsJump(double confirmed, double value, ArtefactOptions options) => Parameter switch
    {
        VitalParameter.Spo2 => confirmed - value >= options.Spo2ArtefactDrop,
        VitalParameter.Hr => Math.Abs(value - confirmed) >= options.HrArtefactJump,
        _ => false,
    };

    private ReadingStatus Confirm(DateTimeOffset at, double value)
    {
        Value = value;
        ValueAt = at;
        PendingSince = null;
        PendingFrames = 0;
        PendingValue = null;
        PendingSuspect = false;
        _pendingSide = 0;
        return Record(ReadingStatus.Confirmed);
    }

    private ReadingStatus Record(ReadingStatus status)
    {
        LastStatus = status;
        return status;
    }
}
