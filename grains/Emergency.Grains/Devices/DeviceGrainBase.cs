using System.Collections.Immutable;
using Emergency.Domain.Devices;
using Emergency.Domain.Vitals;
using Emergency.Grains.Patients;
using Emergency.Grains.Persistence;

namespace Emergency.Grains.Devices;

/// <summary>
/// What every device grain does with vitals: de-duplicate by the device's own <c>seq</c>, remember which patient
/// the device reports for, and forward the accepted frames to that patient's grain in one call per patient. The seq
/// record and binding are part of the device's snapshot (<see cref="DeviceSeqState"/>).
/// </summary>
public abstract class DeviceGrainBase : Grain, IDeviceVitalsGrain
{
    /// <summary>Set when this activation's memory can no longer be trusted to match its patients: it must not be stored.</summary>
    protected bool Discarded { get; private set; }

    /// <summary>The device's state moved ahead of its store: the next snapshot round writes it.</summary>
    protected abstract void StateChanged();

    protected SeqTracker Seq { get; private set; } = new();

    /// <summary>Measurement time of the newest frame the device has sent.</summary>
    private DateTimeOffset? _newestFrameAt;

    /// <summary>When the current sequence began (the device's last counter restart); older frames belong to the one before.</summary>
    private DateTimeOffset? _sequenceStartedAt;

    /// <summary>How often this device restarted its sequence (reboot, factory reset).</summary>
    protected long SeqRestarts { get; private set; }

    /// <summary>The patient this device reports for when a frame omits <c>patientId</c>.</summary>
    protected string? BoundPatientId { get; set; }

    protected abstract DeviceKind Kind { get; }

    protected DeviceRef Self => new(Kind, this.GetPrimaryKeyString());

    public async Task<ImmutableArray<FrameVerdict>> ApplyVitals(string region, ImmutableArray<VitalsFrame> frames)
    {
        var verdicts = new FrameVerdict[frames.Length];
        Dictionary<string, ImmutableArray<VitalsFrame>.Builder>? byPatient = null;
        for (var i = 0; i < frames.Length; i++)
        {
            var frame = frames[i];
            // Checked before the seq is consumed: the device may resend the same seq with a patient id.
            var patientId = frame.PatientId ?? BoundPatientId;
            if (patientId is null)
            {
                verdicts[i] = FrameVerdict.Refused(
                    $"no patientId, and {Kind.ToCode()} {Self.Id} is not bound to a patient yet: send patientId");
                continue;
            }
            var observed = ObserveSeq(frame.Seq, frame.Timestamp);
            if (observed == SeqObservation.Duplicate)
            {
                verdicts[i] = FrameVerdict.Duplicate.For(patientId);
                continue;
            }
            if (observed == SeqObservation.New && frame.PatientId is not null)
            {
                BoundPatientId = frame.PatientId;
            }
            verdicts[i] = (observed == SeqObservation.New ? FrameVerdict.Applied : FrameVerdict.GapFilled).For(patientId);
            byPatient ??= new Dictionary<string, ImmutableArray<VitalsFrame>.Builder>(StringComparer.Ordinal);
            if (!byPatient.TryGetValue(patientId, out var list))
            {
                byPatient[patientId] = list = ImmutableArray.CreateBuilder<VitalsFrame>();
            }
            list.Add(frame);
        }

        if (byPatient is not null)
        {
            try
            {
                foreach (var (patientId, list) in byPatient)
                {
                    await GrainFactory.GetGrain<IPatientGrain>(patientId).ApplyVitals(region, Self, list.ToImmutable());
                }
            }
            catch
            {
                // The seqs are marked seen but the patient may not have them: drop this activation, without storing
                // it, so the device's redelivery is not mistaken for a duplicate.
                Discarded = true;
                DeactivateOnIdle();
                throw;
            }
        }
        return ImmutableArray.Create(verdicts);
    }

    public async Task ReplayVitals(string region, ImmutableArray<VitalsFrame> frames, ImmutableArray<DateTimeOffset> receivedAt)
    {
        var byPatient = new Dictionary<string, (ImmutableArray<VitalsFrame>.Builder Frames, ImmutableArray<DateTimeOffset>.Builder At)>(StringComparer.Ordinal);
        for (var i = 0; i < frames.Length; i++)
        {
            var frame = frames[i];
            if (frame.PatientId is not { } patientId)
            {
                continue; // the journal names the patient of every applied frame
            }
            if (ObserveSeq(frame.Seq, frame.Timestamp) == SeqObservation.New)
            {
                BoundPatientId = patientId;
            }
            if (!byPatient.TryGetValue(patientId, out var list))
            {
                byPatient[patientId] = list = (ImmutableArray.CreateBuilder<VitalsFrame>(), ImmutableArray.CreateBuilder<DateTimeOffset>());
            }
            list.Frames.Add(frame);
            list.At.Add(receivedAt[i]);
        }
        foreach (var (patientId, list) in byPatient)
        {
            await GrainFactory.GetGrain<IPatientGrain>(patientId).ReplayVitals(region, Self, list.Frames.ToImmutable(), list.At.ToImmutable());
        }
        StateChanged();
    }

    /// <summary>The seq record and binding, for the grain's snapshot.</summary>
    protected DeviceSeqState CaptureSeq() => new()
    {
        Seq = Seq,
        NewestFrameAt = _newestFrameAt,
        SequenceStartedAt = _sequenceStartedAt,
        SeqRestarts = SeqRestarts,
        BoundPatientId = BoundPatientId,
    };

    protected void RestoreSeq(DeviceSeqState state)
    {
        Seq = state.Seq;
        _newestFrameAt = state.NewestFrameAt;
        _sequenceStartedAt = state.SequenceStartedAt;
        SeqRestarts = state.SeqRestarts;
        BoundPatientId = state.BoundPatientId;
    }

    /// <summary>
    /// Classifies a frame's seq. A resend carries its original time, so a seq already seen with a time newer than
    /// anything this device has sent means the device started counting again (a reboot): a new sequence begins
    /// rather than every frame from now on being dropped as a duplicate.
    /// </summary>
    protected SeqObservation ObserveSeq(long seq, DateTimeOffset measuredAt)
    {
        if (_sequenceStartedAt is { } started && measuredAt < started)
        {
            return SeqObservation.Duplicate; // from before the device's restart: its seq means nothing now
        }
        var highWater = Seq.HighWaterMark;
        var belowStart = Seq.HasSeen && seq < Seq.LowWaterMark;
        var observed = Seq.Observe(seq);
        // A lower seq stamped later than anything before is a restarted device, not a late frame from before the
        // first one seen (that one is stamped earlier).
        if ((observed == SeqObservation.Duplicate || belowStart) && seq < highWater && _newestFrameAt is { } newest && measuredAt > newest)
        {
            Seq = new SeqTracker();
            observed = Seq.Observe(seq);
            _sequenceStartedAt = measuredAt;
            SeqRestarts++;
        }
        if (observed != SeqObservation.Duplicate)
        {
            StateChanged();
            if (_newestFrameAt is null || measuredAt > _newestFrameAt)
            {
                _newestFrameAt = measuredAt;
            }
        }
        return observed;
    }
}
