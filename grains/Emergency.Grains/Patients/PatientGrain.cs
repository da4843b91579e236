using System.Collections.Immutable;
using Emergency.Domain.Alerts;
using Emergency.Domain.Dispatch;
using Emergency.Domain.Patients;
using Emergency.Domain.Scoring;
using Emergency.Domain.Vitals;
using Emergency.Grains.Devices;
using Emergency.Grains.Hospitals;
using Emergency.Domain.Devices;
using Emergency.Grains.Live;
using Emergency.Grains.Persistence;
using Emergency.Grains.Regions;
using Emergency.Risk;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Serialization;

namespace Emergency.Grains.Patients;

/// <summary>
/// One patient. Keeps each vital's latest value with its time and a rolling window; scores the confirmed, fresh
/// values (NEWS2, qSOFA, shock index, trends) on every accepted frame; runs the patient's alerts; hands every change
/// to the live push sink (patient state coalesced, alerts at once). State is persisted (<see cref="PatientState"/>):
/// what people do (acknowledgements, context, destination, ED seen) is written before the call succeeds; what frames
/// change is snapshotted in rounds and recovered from the ingest journal after a crash.
/// </summary>
public sealed class PatientGrain : Grain, IPatientGrain, ISnapshotGrain
{
    private readonly ILivePushSink _push;
    private readonly TimeProvider _time;
    private readonly PatientOptions _options;
    private readonly IPersistentState<PatientState> _store;
    private readonly IDirtyGrains _dirtyGrains;
    private readonly DeepCopier _copier;
    private PersistedState<PatientState> _state = null!;
    private LatestVitals _latest = new();
    private ArtefactFilter _filter;
    private News2Series _news2 = new();
    private AppliedSeqs _applied = new();
    private DeviceRef _sourceKeyFor;
    private string? _sourceKey;
    private AlertStateMachine? _alerts;
    private readonly Ecg.EcgAlertInput _ecg = new(); // live ECG analysis → alerts (Patients/Ecg)
    private VitalsWindow? _window;
    private PatientContext? _context;
    private ReadingFlags _flags;
    private IGrainTimer? _alertTimer;
    private string? _region;
    private DeviceRef _source;
    private long _version;
    private DestinationRecommendation? _recommendation;
    private Destination? _destination;
    private EdSeen? _edSeen;
    // The learned risk estimate: its own class, scored every few seconds, not per frame.
    private readonly DeteriorationRiskMonitor _risk;

    public PatientGrain(ILivePushSink push, [FromKeyedServices(ClinicalTime.Key)] TimeProvider time, IOptions<PatientOptions> options,
        [PersistentState("patient", GrainStorageNames.State)] IPersistentState<PatientState> store,
        IDirtyGrains dirtyGrains, DeepCopier copier, DeteriorationRiskMonitors riskMonitors)
    {
        _risk = riskMonitors.Create();
        _store = store;
        _dirtyGrains = dirtyGrains;
        _copier = copier;
        _push = push;
        _time = time;
        _options = options.Value;
        _filter = new ArtefactFilter(_options.Artefacts with { Freshness = _options.Freshness });
    }

    private VitalsWindow Window => _window ??= new VitalsWindow(_options.WindowRetention);

    private AlertStateMachine Alerts => _alerts ??= new AlertStateMachine(this.GetPrimaryKeyString(), _options.Alerts);

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _state = new PersistedState<PatientState>(_store, _dirtyGrains, _copier, this.GetGrainId(), Capture, Restore);
        if (_state.Exists)
        {
            Restore(_state.Stored);
        }
        return Task.CompletedTask;
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken) =>
        _state.FlushOnDeactivation();

    public Task FlushSnapshot() => _state.Flush();

    public Task ApplyVitals(string region, DeviceRef source, ImmutableArray<VitalsFrame> frames) =>
        Apply(region, source, frames, receivedAt: default);

    public Task ReplayVitals(string region, DeviceRef source, ImmutableArray<VitalsFrame> frames, ImmutableArray<DateTimeOffset> receivedAt) =>
        Apply(region, source, frames, receivedAt);

    /// <param name="receivedAt">For a replay, when each frame first arrived: alerts keep their original times.</param>
    private async Task Apply(string region, DeviceRef source, ImmutableArray<VitalsFrame> frames, ImmutableArray<DateTimeOffset> receivedAt)
    {
        var clock = _time.GetUtcNow();
        var changed = false;
        var applied = false;
        var sourceKey = SourceKey(source);
        var alertEvents = ImmutableArray.CreateBuilder<AlertEvent>();
        for (var i = 0; i < frames.Length; i++)
        {
            var frame = frames[i];
            // Live frames were judged by their device already; a replay skips what this state already holds.
            if (!_applied.TryApply(sourceKey, frame.Seq, frame.Timestamp) && !receivedAt.IsDefault)
            {
                continue;
            }
            applied = true;
            var now = receivedAt.IsDefault ? clock : receivedAt[i];
            var late = _latest.NewestAt is { } newest && frame.Timestamp < newest;
            Window.Add(frame.Timestamp, frame.Vitals);
            changed |= _latest.Apply(frame.Vitals, frame.Timestamp);
            if (!late)
            {
                // A late frame (store-and-forward) belongs to history: it never moves scores or alerts back in time.
                alertEvents.AddRange(Assess(frame.Timestamp, frame.Vitals, now));
            }
        }
        if (!applied)
        {
            return;
        }

        if (_region != region)
        {
            await MoveToRegion(region);
            changed = true;
        }
        _source = source;
        _state.Changed();
        Publish(alertEvents.ToImmutable(), changed);
    }

    public Task<PatientSnapshot?> GetState()
    {
        if (_region is null)
        {
            return Task.FromResult<PatientSnapshot?>(null);
        }
        RunAlertTimers();
        return Task.FromResult<PatientSnapshot?>(Snapshot());
    }

    public async Task<PatientSnapshot> SetContext(PatientContext context)
    {
        if (context.Validate() is { Count: > 0 } errors)
        {
            throw new ArgumentException(string.Join("; ", errors), nameof(context));
        }
        var events = await _state.WriteThrough(() =>
        {
            _context = context;
            var now = _time.GetUtcNow();
            // Re-score at once: the context may switch SpO2 scale or make NEWS2 not applicable.
            var inputs = AlertInputs.Assess(_filter.Confirmed(now), _context);
            return _region is null ? [] : Alerts.Evaluate(WithPatientConditions(inputs, Trends(now), now), now).Events;
        });
        Publish(events, changed: _region is not null);
        return Snapshot(forRegion: _region ?? "");
    }

    public async Task<AlertAcknowledgement> AcknowledgeAlert(string alertId, string by)
    {
        RunAlertTimers();
        // Stored before anyone is told: a failed write leaves the alert unacknowledged and the call fails.
        var update = await _state.WriteThrough(() => Alerts.Acknowledge(alertId, by, _time.GetUtcNow()));
        Publish(update.Events, changed: false);
        return new AlertAcknowledgement(update.Status, update.Error, Alerts.Find(alertId));
    }

    public Task ReportEcg(EcgAlertReport report)
    {
        _ecg.Report(report);
        if (_region is null)
        {
            return Task.CompletedTask; // no vitals yet: the condition waits for the first evaluation
        }
        var now = _time.GetUtcNow();
        var inputs = AlertInputs.Assess(_filter.Confirmed(now), _context);
        var events = Alerts.Evaluate(WithPatientConditions(inputs, Trends(now), now), now).Events;
        if (!events.IsDefaultOrEmpty)
        {
            _state.Changed();
        }
        Publish(events, changed: false);
        return Task.CompletedTask;
    }

    public Task<PatientAlerts> GetAlerts()
    {
        RunAlertTimers();
        return Task.FromResult(new PatientAlerts([.. Alerts.Active], [.. Alerts.History]));
    }

    public Task RecordRecommendation(DestinationRecommendation recommendation)
    {
        _recommendation = recommendation;
        _state.Changed();
        return Task.CompletedTask;
    }

    public async Task<PatientSnapshot?> SetDestination(Destination destination)
    {
        if (_region is null)
        {
            return null;
        }
        var rank = _recommendation?.Hospitals.FirstOrDefault(h => h.HospitalId == destination.HospitalId)?.Rank;
        var decided = destination with { RecommendedRank = rank };
        if (DestinationChange.OnlyEtaMoved(_destination, decided))
        {
            _destination = decided; // the unit drove on: snapshotted, not a decision to write through
            _state.Changed();
        }
        else
        {
            await _state.WriteThrough(() =>
            {
                _destination = decided;
                // Another hospital's ED has not seen the patient yet.
                _edSeen = EdSeenRules.AfterDestinationChange(_edSeen, destination.HospitalId);
                return true;
            });
        }
        Publish([], changed: true);
        var snapshot = Snapshot();
        _push.PatientInbound(snapshot);
        return snapshot;
    }

    public async Task<EdSeenAnswer> MarkSeen(string by, string? hospitalId)
    {
        if (_region is null)
        {
            return new EdSeenAnswer(EdSeenStatus.UnknownPatient, $"no data has been received for patient {this.GetPrimaryKeyString()}", null);
        }
        var decision = EdSeenRules.Decide(_edSeen, by, hospitalId, _destination?.HospitalId, _time.GetUtcNow());
        if (decision.Changed)
        {
            await _state.WriteThrough(() => _edSeen = decision.Seen);
            // The crew is waiting for this: not held back by coalescing.
            Publish([], changed: true, atOnce: true);
        }
        return new EdSeenAnswer(decision.Status, decision.Error, Snapshot());
    }

    private ImmutableArray<AlertEvent> Assess(DateTimeOffset measuredAt, VitalSigns vitals, DateTimeOffset now)
    {
        // The filter holds only a scale the device stated, or scale 2 from the context, so that a context set later
        // still decides for frames that said nothing (AlertInputs.Assess applies the precedence).
        var stated = vitals.Spo2Scale ?? (_context?.HypercapnicRespiratoryFailure == true ? Spo2Scale.Scale2 : null);
        var filtered = _filter.Apply(measuredAt, vitals with { Spo2Scale = stated });
        _flags = filtered.Flags;
        var inputs = AlertInputs.Assess(filtered.Confirmed, _context);
        _news2.Add(measuredAt, inputs.News2!.Value);
        var trends = TrendRules.Evaluate(_news2.Points, Window.Samples, measuredAt, _options.Trends);
        _risk.Update(Window.Samples, _context, measuredAt);
        return Alerts.Evaluate(WithPatientConditions(inputs, trends, now), now).Events;
    }

    /// <summary>
    /// Every evaluation sees the same conditions beyond the frame's own scores (trends, the learned risk, the live
    /// ECG analysis), so that no path reads one of them as gone and clears its alert.
    /// </summary>
    private AlertInputs WithPatientConditions(AlertInputs inputs, TrendAssessment trends, DateTimeOffset now) =>
        _ecg.Into(inputs with { Trends = trends, AdditionalConditions = _risk.Conditions }, now);

    private TrendAssessment Trends(DateTimeOffset now) => TrendRules.Evaluate(_news2.Points, Window.Samples, now, _options.Trends);

    /// <summary>Escalations and clears fall due with time alone; reads and the timer both apply them.</summary>
    private void RunAlertTimers()
    {
        if (_alerts is null || _alerts.Active.Count == 0)
        {
            return;
        }
        var events = _alerts.Tick(_time.GetUtcNow()).Events;
        if (!events.IsDefaultOrEmpty)
        {
            _state.Changed();
        }
        Publish(events, changed: false);
    }

    private void Publish(ImmutableArray<AlertEvent> alertEvents, bool changed, bool atOnce = false)
    {
        if (!changed && alertEvents.IsDefaultOrEmpty)
        {
            return;
        }
        // Clock-based so it keeps rising across restarts (boards compare versions); +1 keeps it strictly rising.
        _version = Math.Max(_version + 1, _time.GetUtcNow().ToUnixTimeMilliseconds());
        if (_region is not null)
        {
            foreach (var alertEvent in alertEvents.IsDefault ? [] : alertEvents)
            {
                _push.AlertChanged(alertEvent, _region);
            }
            if (atOnce)
            {
                _push.PatientChangedAtOnce(Snapshot());
            }
            else
            {
                _push.PatientChanged(Snapshot());
            }
        }
        UpdateAlertTimer();
    }

    private void UpdateAlertTimer()
    {
        var open = _alerts is { } machine && machine.Active.Count > 0;
        if (open && _alertTimer is null)
        {
            _alertTimer = this.RegisterGrainTimer(() =>
            {
                RunAlertTimers();
                return Task.CompletedTask;
            }, new GrainTimerCreationOptions(_options.AlertTimerPeriod, _options.AlertTimerPeriod) { KeepAlive = true });
        }
        else if (!open && _alertTimer is not null)
        {
            _alertTimer.Dispose();
            _alertTimer = null;
        }
    }

    private PatientSnapshot Snapshot(string? forRegion = null)
    {
        var now = _time.GetUtcNow();
        var inputs = AlertInputs.Assess(_filter.Confirmed(now), _context);
        ImmutableArray<Alert> open = _alerts is null ? [] : [.. _alerts.Active];
        var worst = open.OrderByDescending(a => a.Priority).ThenByDescending(a => a.EscalationLevel).ThenBy(a => a.RaisedAt).FirstOrDefault();
        return new PatientSnapshot(
            PatientId: this.GetPrimaryKeyString(),
            Region: forRegion ?? _region!,
            Source: _source,
            UpdatedAt: _latest.NewestAt ?? now,
            Vitals: _latest.Current(),
            VitalsAt: _latest.NewestAt,
            News2: inputs.News2!.Value,
            Version: _version,
            WindowSamples: Window.Count,
            Qsofa: inputs.Qsofa,
            ShockIndex: inputs.ShockIndex,
            Applicability: inputs.Applicability,
            Flags: _flags,
            Context: _context,
            Alert: worst,
            OpenAlerts: open,
            Destination: _destination,
            EdSeen: _edSeen,
            Risk: _risk.Current);
    }

    private async Task MoveToRegion(string region)
    {
        var patientId = this.GetPrimaryKeyString();
        if (_region is not null)
        {
            await GrainFactory.GetGrain<IRegionGrain>(_region).RemovePatient(patientId);
        }
        await GrainFactory.GetGrain<IRegionGrain>(region).AddPatient(patientId);
        _region = region;
    }

    /// <summary>The key of a source device in <see cref="AppliedSeqs"/>; kept, as a patient mostly has one source.</summary>
    private string SourceKey(DeviceRef source)
    {
        if (_sourceKey is null || _sourceKeyFor != source)
        {
            _sourceKeyFor = source;
            _sourceKey = $"{source.Kind.ToCode()}:{source.Id}";
        }
        return _sourceKey;
    }

    private PatientState Capture() => new()
    {
        Region = _region,
        Source = _source,
        Version = _version,
        Latest = TimedVitals.Capture(_latest),
        Window = RecentWindow(),
        News2 = _news2,
        Alerts = _alerts?.State,
        Filter = _filter.State,
        Flags = _flags,
        Context = _context,
        Recommendation = _recommendation,
        Destination = _destination,
        EdSeen = _edSeen,
        Applied = _applied,
        Risk = _risk.Current,
    };

    /// <summary>The part of the window the trend rules read; the rest is history (and would make every snapshot large).</summary>
    private List<TimedVitals> RecentWindow()
    {
        if (_window is null || _window.Count == 0)
        {
            return [];
        }
        var t = _options.Trends;
        var span = new[] { t.Spo2Window, t.HrWindow, t.SbpWindow }.Max() + TimeSpan.FromMinutes(1);
        var from = _window.Samples[^1].Timestamp - span;
        return [.. _window.Since(from).Select(s => new TimedVitals(s.TimestampMs, s.ToVitalSigns()))];
    }

    private void Restore(PatientState state)
    {
        _region = state.Region;
        _source = state.Source;
        _version = state.Version;
        _latest = TimedVitals.RestoreLatest(state.Latest);
        _window = new VitalsWindow(_options.WindowRetention);
        foreach (var sample in state.Window)
        {
            _window.Add(sample.Timestamp, sample.Vitals);
        }
        _news2 = state.News2 ?? new News2Series();
        _alerts = state.Alerts is null ? null : new AlertStateMachine(state.Alerts, _options.Alerts);
        _filter = new ArtefactFilter(_options.Artefacts with { Freshness = _options.Freshness }, state.Filter);
        _flags = state.Flags;
        _context = state.Context;
        _recommendation = state.Recommendation;
        _destination = state.Destination;
        _edSeen = state.EdSeen;
        _applied = state.Applied;
        _risk.Restore(state.Risk);
        // Escalations resume from the stored times, not from now.
        UpdateAlertTimer();
    }
}
