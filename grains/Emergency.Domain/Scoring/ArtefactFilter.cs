using Emergency.Domain.Vitals;

namespace Emergency.Domain.Scoring;

/// <summary>
/// Keeps artefacts out of scoring: a single implausible reading is not scored until it is confirmed. Feed it each
/// frame's own values in measurement order; score what it returns.
/// </summary>
/// <remarks>
/// <para>Rules, per numeric parameter (heart rate, respiration rate, SpO2, systolic pressure, temperature), each on its own:</para>
/// <list type="number">
/// <item>A reading whose NEWS2 score ("band") equals that of the confirmed value is confirmed at once: it cannot
/// change the score.</item>
/// <item>A reading in another band starts (or continues) a pending run; the confirmed value is still scored and the
/// reading is flagged <see cref="ReadingStatus.Pending"/>. The run is confirmed, and the confirmed value becomes
/// the latest reading, when its readings have stayed outside the confirmed band, on the same side of it, for
/// <see cref="ArtefactOptions.ConfirmationDelay"/> (latest reading time − first reading time ≥ delay) or for
/// <see cref="ArtefactOptions.ConfirmationFrames"/> consecutive readings, whichever comes first. A reading back in
/// the confirmed band ends the run; one on the other side starts a new run. Recovery is confirmed the same way as
/// deterioration.</item>
/// <item>SpO2 probe-off (<see cref="Spo2ProbeOff"/>, i.e. 0): flagged <see cref="ReadingStatus.Artefact"/>,
/// never scored, and it neither continues nor ends a pending run.</item>
/// <item>An implausible jump from the confirmed value (SpO2 falling by <see cref="ArtefactOptions.Spo2ArtefactDrop"/>
/// or more; heart rate moving by <see cref="ArtefactOptions.HrArtefactJump"/> or more, a motion spike) marks the run
/// a suspected artefact: its readings are flagged <see cref="ReadingStatus.Artefact"/> and only the delay confirms
/// it, not the frame count. A jump that recovers within the delay was an artefact and is never scored; one that
/// holds is real. A jump is checked even when it stays within one band.</item>
/// <item>The first reading (or the first after the confirmed value went stale) is confirmed at once: there is no
/// scored value to protect, and holding it back would leave the parameter unscored.</item>
/// <item>A confirmed value that no reading has supported for <see cref="ArtefactOptions.Freshness"/> is no longer
/// scored (null): a probe that stays off does not keep the last good value alive.</item>
/// <item>Confirmation is driven by readings: a pending run waits for the next reading, however long the delay has
/// passed. A device that reports once a minute needs two readings a minute apart.</item>
/// </list>
/// <para>
/// Consciousness (ACVPU), air/oxygen, the SpO2 scale and diastolic pressure are passed through as their latest value:
/// they are entered or set by people, or not scored. They go stale after <see cref="ArtefactOptions.Freshness"/>
/// too, except the SpO2 scale, a clinical setting that never does (as in <see cref="LatestVitals"/>).
/// SpO2 bands use the frame's scale and oxygen flag, else the latest seen, else scale 1 on air; set the frame's scale
/// from <see cref="News2Applicability.EffectiveSpo2Scale"/> first when the patient context prescribes scale 2.
/// </para>
/// <para>
/// Frames measured before a parameter's latest reading are late: that parameter is flagged
/// <see cref="ReadingStatus.Late"/> and left alone (late frames belong to history, not to the live score).
/// </para>
/// <para>Pure and deterministic: time comes only from the measurement times passed in. Not thread-safe.</para>
/// </remarks>
public sealed class ArtefactFilter
{
    /// <param name="options">Delays and thresholds; <see cref="ArtefactOptions.Default"/> when null.</param>
    /// <param name="state">State to resume from (persisted <see cref="State"/>); a fresh one when null.</param>
    /// <exception cref="ArgumentException">The options are inconsistent.</exception>
    public ArtefactFilter(ArtefactOptions? options = null, ArtefactFilterState? state = null)
    {
        Options = options ?? ArtefactOptions.Default;
        Options.EnsureValid();
        State = state ?? new ArtefactFilterState();
    }

    public ArtefactOptions Options { get; }

    /// <summary>The filter's memory: persist it as is.</summary>
    public ArtefactFilterState State { get; }

    /// <summary>Filters one frame measured at <paramref name="at"/>.</summary>
    /// <returns>The vitals to score as of <paramref name="at"/>, and the status of this frame's readings.</returns>
    public FilteredVitals Apply(DateTimeOffset at, in VitalSigns frame)
    {
        var s = State;

        // Settings first: they decide the SpO2 band of this very frame.
        Pass(frame.O2, at, ref s.O2, ref s.O2At);
        Pass(frame.Spo2Scale, at, ref s.Spo2Scale, ref s.Spo2ScaleAt);
        Pass(frame.Acvpu, at, ref s.Acvpu, ref s.AcvpuAt);
        Pass(frame.Dbp is { } dbp && double.IsFinite(dbp) ? dbp : null, at, ref s.Dbp, ref s.DbpAt);

        var scale = s.Spo2Scale ?? Spo2Scale.Scale1;
        var o2 = s.O2;
        var flags = new ReadingFlags(
            Hr: Observe(s.Hr, frame.Hr, at, scale, o2),
            Rr: Observe(s.Rr, frame.Rr, at, scale, o2),
            Spo2: Observe(s.Spo2, frame.Spo2, at, scale, o2),
            Sbp: Observe(s.Sbp, frame.Sbp, at, scale, o2),
            Temp: Observe(s.Temp, frame.Temp, at, scale, o2));

        return new FilteredVitals(Confirmed(at), flags);
    }

    /// <summary>
    /// The vitals to score at <paramref name="now"/> without a new frame (values go stale as time passes), with the
    /// status of each parameter's latest reading.
    /// </summary>
    public FilteredVitals Current(DateTimeOffset now)
    {
        var s = State;
        var flags = new ReadingFlags(s.Hr.LastStatus, s.Rr.LastStatus, s.Spo2.LastStatus, s.Sbp.LastStatus, s.Temp.LastStatus);
        return new FilteredVitals(Confirmed(now), flags);
    }

    /// <summary>The confirmed, fresh values at <paramref name="now"/>.</summary>
    public VitalSigns Confirmed(DateTimeOffset now)
    {
        var s = State;
        var freshness = Options.Freshness;
        var since = now - freshness;
        return new VitalSigns(
            Hr: s.Hr.FreshValue(now, freshness),
            Rr: s.Rr.FreshValue(now, freshness),
            Spo2: s.Spo2.FreshValue(now, freshness),
            Sbp: s.Sbp.FreshValue(now, freshness),
            Dbp: s.DbpAt >= since ? s.Dbp : null,
            Temp: s.Temp.FreshValue(now, freshness),
            Acvpu: s.AcvpuAt >= since ? s.Acvpu : null,
            O2: s.O2At >= since ? s.O2 : null,
            Spo2Scale: s.Spo2Scale);
    }

    private ReadingStatus Observe(ParameterConfirmation confirmation, double? value, DateTimeOffset at, Spo2Scale scale, bool? o2) =>
        value is { } v ? confirmation.Observe(at, v, scale, o2, Options) : ReadingStatus.Absent;

    private static void Pass<T>(T? value, DateTimeOffset at, ref T? held, ref DateTimeOffset? heldAt)
        where T : struct
    {
        if (value is null) return;
        if (heldAt is { } last && at < last) return; // late
        held = value;
        heldAt = at;
    }
}
