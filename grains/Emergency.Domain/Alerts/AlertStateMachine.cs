using System.Collections.Immutable;
using Emergency.Domain.Scoring;

namespace Emergency.Domain.Alerts;

/// <summary>
/// The alerts of one patient: raises them when a condition appears, escalates them when nobody answers, records who
/// acknowledged them, and clears them when the condition has gone, so that no alert is ever lost.
/// </summary>
/// <remarks>
/// <para>Lifecycle, per <see cref="AlertKind"/> (at most one open alert of each kind):</para>
/// <list type="number">
/// <item><b>Raise.</b> A condition with no open alert of its kind raises one at the condition's priority:
/// <see cref="AlertState.Raised"/>, id <c>A-{patientId}-{n}</c> with n counting from 1.</item>
/// <item><b>Escalate.</b> An unacknowledged alert whose condition is present escalates once
/// <see cref="Alert.EscalationDueAt"/> is reached (raised or last escalated + the timeout of its priority, see
/// <see cref="AlertOptions.EscalationTimeout"/>): state <see cref="AlertState.Escalated"/>, priority one level up
/// (high stays high), <see cref="Alert.EscalationLevel"/> + 1, and the timer restarts with the new priority's
/// timeout. At most one escalation per call: a late <see cref="Tick"/> escalates once, at its own time. While the
/// condition is absent (clear hold running) escalation waits; if the condition returns past the due time, it
/// escalates at once.</item>
/// <item><b>Acknowledge.</b> <see cref="Acknowledge"/> records who and when and stops escalation. Idempotent:
/// a second acknowledgement changes nothing and keeps the first.</item>
/// <item><b>Worsen.</b> The condition's priority rises above <see cref="Alert.ConditionPriority"/>, or (NEWS2) its
/// total reaches the baseline + <see cref="AlertOptions.News2ReRaiseDelta"/>. Acknowledged: the alert is cleared as
/// <see cref="AlertClearReasons.Superseded"/> and a new alert is raised for the worse condition (someone took on the
/// old picture, not this one). Not acknowledged: the alert is updated in place (<see cref="AlertEventKind.Updated"/>:
/// priority raised to the condition's, reason refreshed, escalation brought forward if the new priority's timeout
/// ends sooner), so a worsening never delays escalation.</item>
/// <item><b>Clear.</b> A condition that disappears starts the clear hold (<see cref="Alert.ConditionAbsentSince"/>);
/// the alert clears as <see cref="AlertClearReasons.Resolved"/> once the condition has stayed away for
/// <see cref="AlertOptions.ClearHoldTime"/>. If it returns within the hold, the same alert carries on. This applies
/// acknowledged or not: an unacknowledged alert that resolves ends cleared with no acknowledger.</item>
/// <item><b>Not applicable.</b> When NEWS2 stops applying to the patient (<see cref="AlertInputs.Applicability"/>),
/// open NEWS2 alerts are cleared at once with "NEWS2 not applicable: …" and none is raised.</item>
/// </list>
/// <para>
/// Time. Every call takes <c>now</c> from the caller (the service's clinical clock, not a frame's measurement time);
/// nothing reads a clock. Calls are expected in time order; an earlier <c>now</c> than the latest seen is taken as
/// the latest, so timers never run backwards. Call <see cref="Evaluate(AlertInputs, DateTimeOffset)"/> on each
/// scored frame and <see cref="Tick"/> periodically (every few seconds) so escalation and clearing happen without
/// frames.
/// </para>
/// <para>
/// History. <see cref="History"/> keeps the latest snapshot of the last <see cref="AlertOptions.HistoryLimit"/>
/// alerts (200 by default), open ones included and never dropped, nor any alert the call's own events are about;
/// the events are the full audit trail, for whoever stores it.
/// </para>
/// <para>Not thread-safe: meant to live inside one grain.</para>
/// </remarks>
public sealed class AlertStateMachine
{
    /// <summary>A machine with no alerts yet.</summary>
    /// <exception cref="ArgumentException">Blank patient id, or inconsistent options.</exception>
    public AlertStateMachine(string patientId, AlertOptions? options = null)
        : this(new AlertMachineState(patientId), options)
    {
    }

    /// <summary>A machine resuming from persisted <paramref name="state"/>.</summary>
    /// <exception cref="ArgumentException">Inconsistent options.</exception>
    public AlertStateMachine(AlertMachineState state, AlertOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(state);
        Options = options ?? AlertOptions.Default;
        Options.EnsureValid();
        State = state;
    }

    public AlertOptions Options { get; }

    /// <summary>The machine's memory: persist it as is.</summary>
    public AlertMachineState State { get; }

    public string PatientId => State.PatientId;

    /// <summary>Rises with every call that produced events.</summary>
    public long Version => State.Version;

    /// <summary>Open alerts, highest priority first, then oldest first.</summary>
    public IReadOnlyList<Alert> Active =>
        State.Alerts.Where(a => a.IsOpen)
            .OrderByDescending(a => a.Priority)
            .ThenBy(a => a.Sequence)
            .ToList();

    /// <summary>The retained alerts (open and cleared), oldest first; bounded by <see cref="AlertOptions.HistoryLimit"/>.</summary>
    public IReadOnlyList<Alert> History => State.Alerts;

    /// <summary>The retained alert with <paramref name="alertId"/>, or null.</summary>
    public Alert? Find(string alertId)
    {
        int index = IndexOf(alertId);
        return index < 0 ? null : State.Alerts[index];
    }

    /// <summary>The open alert of <paramref name="kind"/>, or null.</summary>
    public Alert? OpenAlert(AlertKind kind) => FindOpen(kind, out _);

    /// <summary>
    /// Evaluates the conditions in <paramref name="inputs"/> (<see cref="AlertConditions.Evaluate"/>) and runs the
    /// timers. Call on every scored frame.
    /// </summary>
    public AlertUpdate Evaluate(AlertInputs inputs, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        return Evaluate(AlertConditions.Evaluate(inputs, Options), inputs.Applicability, now);
    }

    /// <summary>
    /// Applies a set of present conditions (at most one per kind is used: the highest priority), then runs the timers.
    /// A kind without a condition is absent. NEWS2-based conditions are ignored when <paramref name="applicability"/>
    /// says NEWS2 does not apply.
    /// </summary>
    public AlertUpdate Evaluate(IReadOnlyList<AlertCondition> conditions, News2ApplicabilityResult applicability, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(conditions);
        now = Advance(now);
        var events = ImmutableArray.CreateBuilder<AlertEvent>();

        if (!applicability.Applicable)
        {
            string reason = AlertClearReasons.News2NotApplicable(applicability.Reason);
            foreach (var kind in AlertKindCodes.All)
            {
                if (kind.IsNews2Based() && FindOpen(kind, out int index) is { } open)
                {
                    Close(index, open, reason, supersededBy: null, now, events);
                }
            }
        }

        foreach (var kind in AlertKindCodes.All)
        {
            var condition = Strongest(conditions, kind);
            if (condition is not null && !applicability.Applicable && kind.IsNews2Based()) condition = null;

            var open = FindOpen(kind, out int index);
            if (condition is null)
            {
                if (open is { ConditionAbsentSince: null })
                {
                    Replace(index, open with { ConditionAbsentSince = now }); // the clear hold starts; no event
                }
                continue;
            }

            if (open is null)
            {
                Raise(condition, supersedes: null, now, events);
                continue;
            }

            if (open.ConditionAbsentSince is not null)
            {
                open = open with { ConditionAbsentSince = null }; // back within the hold: the same alert carries on
                Replace(index, open);
            }

            if (open.IsAcknowledged)
            {
                if (Worse(condition, open, open.ScoreAtAcknowledgement))
                {
                    string newId = AlertId(State.NextSequence);
                    Close(index, open, AlertClearReasons.Superseded, newId, now, events);
                    Raise(condition, open.AlertId, now, events);
                }
            }
            else if (Worse(condition, open, open.Score))
            {
                Update(index, open, condition, now, events);
            }
        }

        RunTimers(now, events);
        return Finish(events);
    }

    /// <summary>Runs the escalation and clear timers at <paramref name="now"/>; needs no frame. Call periodically.</summary>
    public AlertUpdate Tick(DateTimeOffset now)
    {
        now = Advance(now);
        var events = ImmutableArray.CreateBuilder<AlertEvent>();
        RunTimers(now, events);
        return Finish(events);
    }

    /// <summary>Records that <paramref name="by"/> has taken on the alert <paramref name="alertId"/>.</summary>
    /// <returns>
    /// <see cref="AlertCommandStatus.Ok"/> with an <see cref="AlertEventKind.Acknowledged"/> event;
    /// <see cref="AlertCommandStatus.AlreadyAcknowledged"/> with no event (the first acknowledgement stands);
    /// <see cref="AlertCommandStatus.AlreadyCleared"/> for an alert cleared without acknowledgement;
    /// <see cref="AlertCommandStatus.UnknownAlert"/>; or <see cref="AlertCommandStatus.InvalidArgument"/> for a
    /// blank <paramref name="by"/>. Only the acknowledgement changes state: timers run on the next call.
    /// </returns>
    public AlertUpdate Acknowledge(string alertId, string by, DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(by))
        {
            return AlertUpdate.Failed(AlertCommandStatus.InvalidArgument, "acknowledgedBy: must not be empty");
        }

        int index = IndexOf(alertId);
        if (index < 0)
        {
            return AlertUpdate.Failed(AlertCommandStatus.UnknownAlert, $"no alert {alertId} for patient {PatientId}");
        }

        var alert = State.Alerts[index];
        if (alert.IsAcknowledged) return new AlertUpdate { Status = AlertCommandStatus.AlreadyAcknowledged };
        if (!alert.IsOpen)
        {
            return AlertUpdate.Failed(AlertCommandStatus.AlreadyCleared, $"alert {alertId} was cleared ({alert.ClearReason})");
        }

        now = Advance(now);
        var acknowledged = Changed(alert, now) with
        {
            State = AlertState.Acknowledged,
            AcknowledgedBy = by.Trim(),
            AcknowledgedAt = now,
            ScoreAtAcknowledgement = alert.Score,
            EscalationDueAt = null,
        };
        Replace(index, acknowledged);

        var events = ImmutableArray.CreateBuilder<AlertEvent>();
        events.Add(new AlertEvent(AlertEventKind.Acknowledged, acknowledged, now));
        return Finish(events);
    }

    private void RunTimers(DateTimeOffset now, ImmutableArray<AlertEvent>.Builder events)
    {
        foreach (var kind in AlertKindCodes.All)
        {
            if (FindOpen(kind, out int index) is not { } open) continue;

            if (open.ConditionAbsentSince is { } since)
            {
                if (now - since >= Options.ClearHoldTime)
                {
                    Close(index, open, AlertClearReasons.Resolved, supersededBy: null, now, events);
                }
            }
            else if (!open.IsAcknowledged && open.EscalationDueAt is { } due && now >= due)
            {
                var priority = open.Priority.Escalated();
                var escalated = Changed(open, now) with
                {
                    State = AlertState.Escalated,
                    Priority = priority,
                    EscalationLevel = open.EscalationLevel + 1,
                    EscalatedAt = now,
                    EscalationDueAt = now + Options.EscalationTimeout(priority),
                };
                Replace(index, escalated);
                events.Add(new AlertEvent(AlertEventKind.Escalated, escalated, now));
            }
        }
    }

    private bool Worse(AlertCondition condition, Alert alert, int? baseline) =>
        condition.Priority > alert.ConditionPriority
        || (condition.Kind == AlertKind.News2High
            && condition.Score is int score
            && baseline is int reference
            && score >= reference + Options.News2ReRaiseDelta);

    private void Raise(AlertCondition condition, string? supersedes, DateTimeOffset now, ImmutableArray<AlertEvent>.Builder events)
    {
        long sequence = State.NextSequence++;
        var alert = new Alert
        {
            AlertId = AlertId(sequence),
            PatientId = PatientId,
            Kind = condition.Kind,
            Priority = condition.Priority,
            State = AlertState.Raised,
            RaisedAt = now,
            Reason = condition.Reason,
            Sequence = sequence,
            Version = 1,
            UpdatedAt = now,
            RaisedPriority = condition.Priority,
            ConditionPriority = condition.Priority,
            EscalationDueAt = now + Options.EscalationTimeout(condition.Priority),
            Score = condition.Score,
            Supersedes = supersedes,
        };
        State.MutableAlerts.Add(alert);
        events.Add(new AlertEvent(AlertEventKind.Raised, alert, now));
    }

    private void Update(int index, Alert open, AlertCondition condition, DateTimeOffset now, ImmutableArray<AlertEvent>.Builder events)
    {
        var priority = condition.Priority > open.Priority ? condition.Priority : open.Priority;
        var due = now + Options.EscalationTimeout(priority);
        var updated = Changed(open, now) with
        {
            Priority = priority,
            ConditionPriority = condition.Priority > open.ConditionPriority ? condition.Priority : open.ConditionPriority,
            Reason = condition.Reason,
            Score = condition.Score,
            EscalationDueAt = open.EscalationDueAt is { } current && current < due ? current : due,
        };
        Replace(index, updated);
        events.Add(new AlertEvent(AlertEventKind.Updated, updated, now));
    }

    private void Close(int index, Alert open, string reason, string? supersededBy, DateTimeOffset now, ImmutableArray<AlertEvent>.Builder events)
    {
        var cleared = Changed(open, now) with
        {
            State = AlertState.Cleared,
            ClearedAt = now,
            ClearReason = reason,
            SupersededBy = supersededBy,
            EscalationDueAt = null,
        };
        Replace(index, cleared);
        events.Add(new AlertEvent(AlertEventKind.Cleared, cleared, now));
    }

    private static Alert Changed(Alert alert, DateTimeOffset now) =>
        alert with { Version = alert.Version + 1, UpdatedAt = now };

    private static AlertCondition? Strongest(IReadOnlyList<AlertCondition> conditions, AlertKind kind)
    {
        AlertCondition? best = null;
        foreach (var condition in conditions)
        {
            if (condition is not null && condition.Kind == kind && (best is null || condition.Priority > best.Priority))
            {
                best = condition;
            }
        }
        return best;
    }

    private Alert? FindOpen(AlertKind kind, out int index)
    {
        var alerts = State.Alerts;
        for (int i = alerts.Count - 1; i >= 0; i--)
        {
            if (alerts[i].Kind == kind && alerts[i].IsOpen)
            {
                index = i;
                return alerts[i];
            }
        }
        index = -1;
        return null;
    }

    private int IndexOf(string alertId)
    {
        var alerts = State.Alerts;
        for (int i = alerts.Count - 1; i >= 0; i--)
        {
            if (alerts[i].AlertId == alertId) return i;
        }
        return -1;
    }

    private void Replace(int index, Alert alert) => State.MutableAlerts[index] = alert;

    private string AlertId(long sequence) => $"A-{PatientId}-{sequence}";

    private DateTimeOffset Advance(DateTimeOffset now)
    {
        if (State.Clock is { } clock && now < clock) return clock;
        State.Clock = now;
        return now;
    }

    // Drops the oldest cleared alerts beyond the limit; open ones, and those this call's events are about, stay.
    private void TrimHistory(ImmutableArray<AlertEvent>.Builder events)
    {
        var alerts = State.MutableAlerts;
        for (int i = 0; alerts.Count > Options.HistoryLimit && i < alerts.Count;)
        {
            if (alerts[i].IsOpen || Touched(events, alerts[i].AlertId)) i++;
            else alerts.RemoveAt(i);
        }
    }

    private static bool Touched(ImmutableArray<AlertEvent>.Builder events, string alertId)
    {
        foreach (var e in events)
        {
            if (e.Alert.AlertId == alertId) return true;
        }
        return false;
    }

    private AlertUpdate Finish(ImmutableArray<AlertEvent>.Builder events)
    {
        if (events.Count == 0) return AlertUpdate.None;
        TrimHistory(events);
        State.Version++;
        return new AlertUpdate { Events = events.ToImmutable() };
    }
}
