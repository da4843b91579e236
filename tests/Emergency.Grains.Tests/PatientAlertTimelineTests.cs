using Emergency.Domain.Alerts;
using Emergency.Domain.Devices;
using Emergency.Domain.Patients;
using Emergency.Domain.Vitals;
using Emergency.Grains.Devices;
using Emergency.Grains.Patients;
using static Emergency.Grains.Tests.Frames;

namespace Emergency.Grains.Tests;

/// <summary>
/// Scripted vitals timelines through the patient grain, on the clinical clock: alerts are confirmed before they are
/// raised, escalate when nobody answers, stop escalating when acknowledged, clear only after the hold time, and come
/// back as a new alert when the patient worsens after an acknowledgement. Defaults: confirmation 10 s or 3 frames,
/// escalation of a medium alert after 120 s and of a high one after 60 s, clear hold 60 s.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class PatientAlertTimelineTests(ClusterFixture fx)
{
    private static readonly DeviceRef Amb = new(DeviceKind.Ambulance, "AMB-AL");

    private static VitalSigns Normal(double spo2 = 97) => new(80, 16, spo2, 120, 75, 37.0, Acvpu.Alert, false, Spo2Scale.Scale1);

    private (IPatientGrain Grain, string Id) NewPatient() { var id = Unique("P"); return (fx.Grains.GetGrain<IPatientGrain>(id), id); }

    private long _seq;

    private Task Send(IPatientGrain patient, string id, VitalSigns vitals) =>
        patient.ApplyVitals("sh", Amb, Batch(Frame(id, Interlocked.Increment(ref _seq), fx.Clock.GetUtcNow(), vitals)));

    private async Task Step(IPatientGrain patient, string id, VitalSigns vitals, TimeSpan after)
    {
        fx.Clock.Advance(after);
        await Send(patient, id, vitals);
    }

    /// <summary>
    /// Baseline, then a desaturation held until confirmed by time: the single-parameter alert is raised (NEWS2 rising
    /// 0 → 3 also raises a trend alert; these tests follow the single-parameter one).
    /// </summary>
    private async Task<(IPatientGrain, string, Alert)> Desaturated()
    {
        var (patient, id) = NewPatient();
        await Send(patient, id, Normal());
        await Step(patient, id, Normal(spo2: 88), TimeSpan.FromSeconds(1));
        await Step(patient, id, Normal(spo2: 88), TimeSpan.FromSeconds(10));
        return (patient, id, await SingleParameter(patient));
    }

    private static async Task<Alert> SingleParameter(IPatientGrain patient) =>
        Assert.Single((await patient.GetAlerts()).Open, a => a.Kind == AlertKind.SingleParameter);

    [Fact]
    public async Task Probe_off_blip_raises_nothing_and_is_flagged()
    {
        var (patient, id) = NewPatient();
        await Send(patient, id, Normal());
        await Step(patient, id, Normal(spo2: 0), TimeSpan.FromSeconds(1));
        var during = await patient.GetState();
        await Step(patient, id, Normal(), TimeSpan.FromSeconds(2));

        Assert.Equal(0, during!.Vitals.Spo2);
        Assert.Equal(0, during.News2.Spo2);
        Assert.Empty((await patient.GetAlerts()).History);
        Assert.Empty(fx.Pushes.AlertsFor(id));
    }

    [Fact]
    public async Task Desaturation_raises_only_once_held_for_the_confirmation_delay()
    {
        var (patient, id) = NewPatient();
        await Send(patient, id, Normal());
        await Step(patient, id, Normal(spo2: 88), TimeSpan.FromSeconds(1));
        await Step(patient, id, Normal(spo2: 88), TimeSpan.FromSeconds(10) - TimeSpan.FromMilliseconds(1));
        Assert.Empty((await patient.GetAlerts()).Open); // 2 frames, 1 ms short of 10 s: not yet

        await Step(patient, id, Normal(spo2: 88), TimeSpan.FromMilliseconds(1));

        var alert = await SingleParameter(patient);
        Assert.Equal(AlertState.Raised, alert.State);
        Assert.Equal(AlertPriority.Medium, alert.Priority);
        Assert.Contains("SpO2", alert.Reason);
        Assert.Contains(fx.Pushes.AlertsFor(id), e => e.Kind == AlertEventKind.Raised && e.Alert.AlertId == alert.AlertId);
        Assert.Contains(alert.AlertId, (await patient.GetState())!.OpenAlerts.Select(a => a.AlertId));
    }

    [Fact]
    public async Task Unanswered_alert_escalates_at_the_configured_time_without_a_new_frame()
    {
        var (patient, _, alert) = await Desaturated();

        fx.Clock.Advance(TimeSpan.FromSeconds(120) - TimeSpan.FromMilliseconds(1));
        Assert.Equal(AlertState.Raised, (await SingleParameter(patient)).State);

        fx.Clock.Advance(TimeSpan.FromMilliseconds(1));
        var escalated = await SingleParameter(patient);

        Assert.Equal(alert.AlertId, escalated.AlertId);
        Assert.Equal(AlertState.Escalated, escalated.State);
        Assert.Equal(AlertPriority.High, escalated.Priority);
        Assert.Equal(1, escalated.EscalationLevel);
    }

    [Fact]
    public async Task Acknowledged_alert_records_who_and_when_and_does_not_escalate()
    {
        var (patient, id, alert) = await Desaturated();
        fx.Clock.Advance(TimeSpan.FromSeconds(30));

        var ack = await patient.AcknowledgeAlert(alert.AlertId, "dr.chen");
        fx.Clock.Advance(TimeSpan.FromMinutes(10));

        Assert.Equal(AlertCommandStatus.Ok, ack.Status);
        Assert.Equal("dr.chen", ack.Alert!.AcknowledgedBy);
        var again = await patient.AcknowledgeAlert(alert.AlertId, "nurse.wu");
        Assert.Equal(AlertCommandStatus.AlreadyAcknowledged, again.Status);
        Assert.Equal("dr.chen", again.Alert!.AcknowledgedBy); // the first acknowledgement stands
        var open = await SingleParameter(patient);
        Assert.Equal(AlertState.Acknowledged, open.State);
        Assert.Equal("dr.chen", open.AcknowledgedBy);
        Assert.Equal(fx.Clock.GetUtcNow() - TimeSpan.FromMinutes(10), open.AcknowledgedAt);
        Assert.Equal(0, open.EscalationLevel);
        Assert.Contains(fx.Pushes.AlertsFor(id), e => e.Kind == AlertEventKind.Acknowledged);
        Assert.Equal(AlertCommandStatus.UnknownAlert, (await patient.AcknowledgeAlert("A-nope", "dr.chen")).Status);
    }

    [Fact]
    public async Task Recovery_clears_only_after_the_hold_time_and_the_alert_stays_in_history()
    {
        var (patient, id, alert) = await Desaturated();
        await patient.AcknowledgeAlert(alert.AlertId, "dr.chen");
        // Recovery must itself be confirmed (10 s), then hold below threshold for 60 s.
        await Step(patient, id, Normal(), TimeSpan.FromSeconds(1));
        await Step(patient, id, Normal(), TimeSpan.FromSeconds(10));
        var recoveredAt = fx.Clock.GetUtcNow();

        fx.Clock.Advance(TimeSpan.FromSeconds(60) - TimeSpan.FromMilliseconds(1));
        Assert.Contains((await patient.GetAlerts()).Open, a => a.AlertId == alert.AlertId);
        fx.Clock.Advance(TimeSpan.FromMilliseconds(1));
        var alerts = await patient.GetAlerts();

        Assert.Empty(alerts.Open); // the trend alert has cleared too: nothing open
        var cleared = Assert.Single(alerts.History, a => a.AlertId == alert.AlertId);
        Assert.Equal(AlertState.Cleared, cleared.State);
        Assert.Equal("dr.chen", cleared.AcknowledgedBy);
        Assert.Equal(recoveredAt.AddSeconds(60), cleared.ClearedAt);
        Assert.Equal(AlertClearReasons.Resolved, cleared.ClearReason);
        Assert.Null((await patient.GetState())!.Alert);
    }

    [Fact]
    public async Task Worsening_after_acknowledgement_raises_a_new_alert_and_supersedes_the_old()
    {
        var (patient, id) = NewPatient();
        var medium = new VitalSigns(100, 22, 95, 105, 70, 38.2, Acvpu.Alert, false, Spo2Scale.Scale1); // NEWS2 6
        var high = new VitalSigns(125, 26, 92, 95, 60, 38.6, Acvpu.Alert, false, Spo2Scale.Scale1);   // NEWS2 10
        await Send(patient, id, medium);
        var first = Assert.Single((await patient.GetAlerts()).Open, a => a.Kind == AlertKind.News2High);
        Assert.Equal(AlertPriority.Medium, first.Priority);
        await patient.AcknowledgeAlert(first.AlertId, "dr.chen");

        await Step(patient, id, high, TimeSpan.FromSeconds(1));
        await Step(patient, id, high, TimeSpan.FromSeconds(10));

        var alerts = await patient.GetAlerts();
        var renewed = Assert.Single(alerts.Open, a => a.Kind == AlertKind.News2High);
        Assert.NotEqual(first.AlertId, renewed.AlertId);
        Assert.Equal(AlertPriority.High, renewed.Priority);
        Assert.Equal(AlertState.Raised, renewed.State);
        var old = Assert.Single(alerts.History, a => a.AlertId == first.AlertId);
        Assert.Equal(AlertState.Cleared, old.State);
        Assert.Equal(AlertClearReasons.Superseded, old.ClearReason);
    }

    [Fact]
    public async Task Context_under_16_makes_NEWS2_not_applicable_and_clears_its_alert_with_the_reason()
    {
        var (patient, id) = NewPatient();
        await Send(patient, id, new VitalSigns(125, 26, 92, 95, 60, 38.6, Acvpu.Alert, false, Spo2Scale.Scale1));
        Assert.Contains((await patient.GetAlerts()).Open, a => a.Kind == AlertKind.News2High);

        var state = await patient.SetContext(new PatientContext { AgeYears = 12 });

        Assert.False(state.Applicability!.Value.Applicable);
        Assert.Contains("16", state.Applicability.Value.Reason);
        var news2Alert = Assert.Single((await patient.GetAlerts()).History, a => a.Kind == AlertKind.News2High);
        Assert.Equal(AlertState.Cleared, news2Alert.State);
        Assert.StartsWith(AlertClearReasons.News2NotApplicablePrefix, news2Alert.ClearReason);
    }

    [Fact]
    public async Task Hypercapnic_context_scores_SpO2_on_scale_2()
    {
        var (patient, id) = NewPatient();
        await Send(patient, id, new VitalSigns(80, 16, 89, 120, 75, 37.0, Acvpu.Alert, false, null));
        Assert.Equal(3, (await patient.GetState())!.News2.Spo2); // scale 1: 89 → 3

        var state = await patient.SetContext(new PatientContext { HypercapnicRespiratoryFailure = true });

        Assert.Equal(0, state.News2.Spo2); // scale 2: 88–92 → 0
    }
}
