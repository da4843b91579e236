using Emergency.Domain.Alerts;
using Emergency.Domain.Patients;
using Emergency.Domain.Scoring;
using Emergency.Domain.Vitals;
using static Emergency.Domain.Tests.Alerting.AlertMachineTestKit;
using static Emergency.Domain.Tests.Alerting.TestVitals;

namespace Emergency.Domain.Tests.Alerting;

public class AlertStateMachineTests
{
    // ---- Raise ----

    [Fact]
    public void HighRisk_FromVitals_RaisesHighNews2Alert_MatchingTheContract()
    {
        var machine = Machine();
        var vitals = Normal with { Rr = 25, Spo2 = 91, Hr = 112 }; // NEWS2 8: RR 3, SpO2 3, HR 2

        var update = machine.Evaluate(AlertInputs.Assess(vitals), At(0));

        Assert.True(update.Succeeded);
        Assert.Equal([AlertEventKind.Raised, AlertEventKind.Raised], update.Events.Select(e => e.Kind));
        var alert = update.Events[0].Alert;
        Assert.Equal("A-P-7F3A2-1", alert.AlertId);
        Assert.Equal("P-7F3A2", alert.PatientId);
        Assert.Equal("news2-high", alert.Kind.ToCode());
        Assert.Equal("high", alert.Priority.ToCode());
        Assert.Equal("raised", alert.State.ToCode());
        Assert.Equal(At(0), alert.RaisedAt);
        Assert.Null(alert.AcknowledgedBy);
        Assert.Null(alert.AcknowledgedAt);
        Assert.Null(alert.ClearedAt);
        Assert.Equal("NEWS2 8 (RR 3, SpO2 3, HR 2)", alert.Reason);
        Assert.Equal(8, alert.Score);
        Assert.Equal(1, alert.Version);
        Assert.Equal(0, alert.EscalationLevel);
        Assert.Equal(At(60), alert.EscalationDueAt);
        Assert.Equal(At(0), update.Events[0].At);

        var single = update.Events[1].Alert;
        Assert.Equal("A-P-7F3A2-2", single.AlertId);
        Assert.Equal(AlertKind.SingleParameter, single.Kind);
        Assert.Equal(AlertPriority.Medium, single.Priority);
    }

    [Fact]
    public void MediumRisk_RaisesMediumNews2Alert()
    {
        var machine = Machine();

        var e = machine.Evaluate(AlertInputs.Assess(Normal with { Rr = 22, Hr = 115, Temp = 38.5 }), At(0)).Single(AlertEventKind.Raised);

        Assert.Equal(AlertKind.News2High, e.Alert.Kind);
        Assert.Equal(AlertPriority.Medium, e.Alert.Priority);
        Assert.Equal(At(120), e.Alert.EscalationDueAt);
    }

    [Fact]
    public void NormalVitals_RaiseNothing()
    {
        var machine = Machine();

        Assert.Same(AlertUpdate.None, machine.Evaluate(AlertInputs.Assess(Normal), At(0)));
        Assert.Empty(machine.History);
        Assert.Equal(0, machine.Version);
    }

    [Fact]
    public void PersistingCondition_RaisesOnce()
    {
        var machine = Machine();
        machine.Eval(0, News2(8));

        for (int s = 1; s < 60; s++) Assert.Empty(machine.Eval(s, News2(8)).Events);

        Assert.Single(machine.History);
    }

    [Fact]
    public void Ids_CountAcrossKinds()
    {
        var machine = Machine();

        var update = machine.Eval(0, News2(5), Condition(AlertKind.Qsofa, AlertPriority.High), Condition(AlertKind.Trend, AlertPriority.Medium));

        Assert.Equal([Id(1), Id(2), Id(3)], update.Events.Select(e => e.Alert.AlertId));
        Assert.Equal([1L, 2L, 3L], update.Events.Select(e => e.Alert.Sequence));
        Assert.Equal([AlertKind.News2High, AlertKind.Qsofa, AlertKind.Trend], update.Events.Select(e => e.Alert.Kind));
    }

    // ---- Escalation ----

    [Fact]
    public void High_EscalatesAtExactlyItsTimeout_NotBefore()
    {
        var machine = Machine();
        machine.Eval(0, News2(8));

        Assert.Empty(machine.Tick(59.999).Events);
        var e = machine.Tick(60).Single(AlertEventKind.Escalated);

        Assert.Equal(AlertState.Escalated, e.Alert.State);
        Assert.Equal(AlertPriority.High, e.Alert.Priority); // high stays high
        Assert.Equal(1, e.Alert.EscalationLevel);
        Assert.Equal(At(60), e.Alert.EscalatedAt);
        Assert.Equal(At(120), e.Alert.EscalationDueAt);
        Assert.Equal(2, e.Alert.Version);
    }

    [Fact]
    public void High_KeepsEscalating_TimerRestartsEachTime()
    {
        var machine = Machine();
        machine.Eval(0, News2(8));
        machine.Tick(60);

        Assert.Empty(machine.Tick(119.999).Events);
        var second = machine.Tick(120).Single(AlertEventKind.Escalated);

        Assert.Equal(2, second.Alert.EscalationLevel);
        Assert.Equal(AlertPriority.High, second.Alert.Priority);
    }

    [Fact]
    public void Medium_EscalatesAt120ToHigh_ThenOnHighTimeout()
    {
        var machine = Machine();
        machine.Eval(0, News2(5));

        Assert.Empty(machine.Tick(119.999).Events);
        var first = machine.Tick(120).Single(AlertEventKind.Escalated);
        Assert.Equal(AlertPriority.High, first.Alert.Priority);
        Assert.Equal(AlertPriority.Medium, first.Alert.RaisedPriority);
        Assert.Equal(At(180), first.Alert.EscalationDueAt);

        Assert.Empty(machine.Tick(179.999).Events);
        Assert.Equal(2, machine.Tick(180).Single(AlertEventKind.Escalated).Alert.EscalationLevel);
    }

    [Fact]
    public void Low_EscalatesAt300ToMedium_ThenAt120MoreToHigh()
    {
        var machine = Machine();
        machine.Eval(0, Condition(AlertKind.Predicted, AlertPriority.Low));

        Assert.Empty(machine.Tick(299.999).Events);
        Assert.Equal(AlertPriority.Medium, machine.Tick(300).Single(AlertEventKind.Escalated).Alert.Priority);
        Assert.Empty(machine.Tick(419.999).Events);
        Assert.Equal(AlertPriority.High, machine.Tick(420).Single(AlertEventKind.Escalated).Alert.Priority);
    }

    [Fact]
    public void Escalation_TimeoutsConfigurable()
    {
        var machine = Machine(new AlertOptions { HighEscalationTimeout = TimeSpan.FromSeconds(15) });
        machine.Eval(0, News2(8));

        Assert.Empty(machine.Tick(14.999).Events);
        machine.Tick(15).Single(AlertEventKind.Escalated);
    }

    [Fact]
    public void Escalation_HappensOnAFrameToo()
    {
        var machine = Machine();
        machine.Eval(0, News2(8));

        machine.Eval(60, News2(8)).Single(AlertEventKind.Escalated);
    }

    [Fact]
    public void LateTick_EscalatesOnce_AtItsOwnTime()
    {
        var machine = Machine();
        machine.Eval(0, News2(8));

        var e = machine.Tick(600).Single(AlertEventKind.Escalated);

        Assert.Equal(1, e.Alert.EscalationLevel);
        Assert.Equal(At(660), e.Alert.EscalationDueAt);
    }

    // ---- Acknowledge ----

    [Fact]
    public void Acknowledge_RecordsWhoAndWhen_StopsEscalation()
    {
        var machine = Machine();
        machine.Eval(0, News2(8));

        var e = machine.Ack(Id(1), 30, "dr.lee").Single(AlertEventKind.Acknowledged);

        Assert.Equal(AlertState.Acknowledged, e.Alert.State);
        Assert.Equal("dr.lee", e.Alert.AcknowledgedBy);
        Assert.Equal(At(30), e.Alert.AcknowledgedAt);
        Assert.Null(e.Alert.EscalationDueAt);
        Assert.Equal(8, e.Alert.ScoreAtAcknowledgement);
        Assert.Empty(machine.Tick(60).Events);
        Assert.Empty(machine.Eval(600, News2(8)).Events);
        Assert.Equal(AlertState.Acknowledged, machine.Find(Id(1))!.State);
    }

    [Fact]
    public void Acknowledge_AfterEscalation_KeepsPriorityAndLevel()
    {
        var machine = Machine();
        machine.Eval(0, News2(5));
        machine.Tick(120);

        var alert = machine.Ack(Id(1), 130).Single(AlertEventKind.Acknowledged).Alert;

        Assert.Equal(AlertState.Acknowledged, alert.State);
        Assert.Equal(AlertPriority.High, alert.Priority);
        Assert.Equal(1, alert.EscalationLevel);
        Assert.Empty(machine.Tick(1000).Events);
    }

    [Fact]
    public void Acknowledge_UnknownId_IsAnError()
    {
        var machine = Machine();
        machine.Eval(0, News2(8));
        long version = machine.Version;

        var update = machine.Ack("A-P-7F3A2-99", 10);

        Assert.Equal(AlertCommandStatus.UnknownAlert, update.Status);
        Assert.False(update.Succeeded);
        Assert.Empty(update.Events);
        Assert.Equal("no alert A-P-7F3A2-99 for patient P-7F3A2", update.Error);
        Assert.Equal(version, machine.Version);
    }

    [Fact]
    public void Acknowledge_Twice_IsIdempotent_KeepsTheFirst()
    {
        var machine = Machine();
        machine.Eval(0, News2(8));
        machine.Ack(Id(1), 10, "dr.lee");
        long version = machine.Version;

        var second = machine.Ack(Id(1), 20, "nurse.kim");

        Assert.Equal(AlertCommandStatus.AlreadyAcknowledged, second.Status);
        Assert.True(second.Succeeded);
        Assert.Empty(second.Events);
        Assert.Null(second.Error);
        Assert.Equal("dr.lee", machine.Find(Id(1))!.AcknowledgedBy);
        Assert.Equal(At(10), machine.Find(Id(1))!.AcknowledgedAt);
        Assert.Equal(version, machine.Version);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void Acknowledge_BlankBy_IsInvalid(string by)
    {
        var machine = Machine();
        machine.Eval(0, News2(8));

        var update = machine.Acknowledge(Id(1), by, At(10));

        Assert.Equal(AlertCommandStatus.InvalidArgument, update.Status);
        Assert.Null(machine.Find(Id(1))!.AcknowledgedBy);
    }

    [Fact]
    public void Acknowledge_TrimsBy()
    {
        var machine = Machine();
        machine.Eval(0, News2(8));

        Assert.Equal("dr.lee", machine.Acknowledge(Id(1), "  dr.lee ", At(1)).Events[0].Alert.AcknowledgedBy);
    }

    [Fact]
    public void Acknowledge_ClearedUnacknowledged_IsRefused()
    {
        var machine = Machine();
        machine.Eval(0, News2(8));
        machine.Eval(10);
        machine.Tick(70);

        var update = machine.Ack(Id(1), 80);

        Assert.Equal(AlertCommandStatus.AlreadyCleared, update.Status);
        Assert.False(update.Succeeded);
        Assert.Equal("alert A-P-7F3A2-1 was cleared (resolved)", update.Error);
        Assert.Null(machine.Find(Id(1))!.AcknowledgedBy);
    }

    [Fact]
    public void Acknowledge_AcknowledgedThenCleared_StillIdempotent()
    {
        var machine = Machine();
        machine.Eval(0, News2(8));
        machine.Ack(Id(1), 5);
        machine.Eval(10);
        machine.Tick(70);

        Assert.Equal(AlertCommandStatus.AlreadyAcknowledged, machine.Ack(Id(1), 80).Status);
    }

    [Fact]
    public void Acknowledge_OneKind_LeavesOthersEscalating()
    {
        var machine = Machine();
        machine.Eval(0, News2(8), Condition(AlertKind.Qsofa, AlertPriority.High));
        machine.Ack(Id(1), 10);

        var e = machine.Tick(60).Single(AlertEventKind.Escalated);

        Assert.Equal(Id(2), e.Alert.AlertId);
    }

    // ---- Clear ----

    [Fact]
    public void Recovery_ClearsOnlyAfterTheHoldTime()
    {
        var machine = Machine();
        machine.Eval(0, News2(8));
        machine.Ack(Id(1), 5, "dr.lee");

        Assert.Empty(machine.Eval(10).Events); // condition gone: the hold starts
        Assert.Equal(At(10), machine.Find(Id(1))!.ConditionAbsentSince);
        Assert.Empty(machine.Tick(69.999).Events);
        var e = machine.Tick(70).Single(AlertEventKind.Cleared);

        Assert.Equal(AlertState.Cleared, e.Alert.State);
        Assert.Equal(At(70), e.Alert.ClearedAt);
        Assert.Equal("resolved", e.Alert.ClearReason);
        Assert.Equal("dr.lee", e.Alert.AcknowledgedBy); // the audit survives the clear
        Assert.Equal(At(5), e.Alert.AcknowledgedAt);
        Assert.Empty(machine.Active);
    }

    [Fact]
    public void Recovery_ClearsOnAFrameToo()
    {
        var machine = Machine();
        machine.Eval(0, News2(8));
        machine.Eval(10);

        Assert.Empty(machine.Eval(69).Events);
        machine.Eval(70).Single(AlertEventKind.Cleared);
    }

    [Fact]
    public void BlipBackAboveThresholdWithinTheHold_KeepsTheSameAlert()
    {
        var machine = Machine();
        machine.Eval(0, News2(8));
        machine.Ack(Id(1), 5);
        machine.Eval(10);

        Assert.Empty(machine.Eval(40, News2(8)).Events); // back within the hold: same alert, no event
        Assert.Null(machine.Find(Id(1))!.ConditionAbsentSince);
        Assert.Empty(machine.Eval(50).Events);           // gone again: the hold restarts
        Assert.Empty(machine.Tick(70).Events);            // 60 s after the first absence: not cleared
        Assert.Empty(machine.Tick(109.999).Events);
        machine.Tick(110).Single(AlertEventKind.Cleared);
        Assert.Single(machine.History);
    }

    [Fact]
    public void UnacknowledgedAlert_ResolvesToo_WithNoAcknowledger()
    {
        var machine = Machine();
        machine.Eval(0, News2(5));
        machine.Eval(30);

        var alert = machine.Tick(90).Single(AlertEventKind.Cleared).Alert;

        Assert.Equal("resolved", alert.ClearReason);
        Assert.Null(alert.AcknowledgedBy);
    }

    [Fact]
    public void Escalation_WaitsWhileTheConditionIsAbsent_ResumesWhenItReturns()
    {
        var machine = Machine();
        machine.Eval(0, News2(8));
        machine.Eval(30); // absent before the timeout

        Assert.Empty(machine.Tick(60).Events);
        Assert.Empty(machine.Tick(80).Events);
        var e = machine.Eval(80, News2(8)).Single(AlertEventKind.Escalated); // back, past due: at once

        Assert.Equal(At(80), e.Alert.EscalatedAt);
    }

    [Fact]
    public void ClearHold_Configurable()
    {
        var machine = Machine(new AlertOptions { ClearHoldTime = TimeSpan.FromSeconds(5) });
        machine.Eval(0, News2(8));
        machine.Eval(10);

        Assert.Empty(machine.Tick(14.999).Events);
        machine.Tick(15).Single(AlertEventKind.Cleared);
    }

    [Fact]
    public void ReturnAfterClearing_RaisesANewAlert()
    {
        var machine = Machine();
        machine.Eval(0, News2(8));
        machine.Eval(10);
        machine.Tick(70);

        var e = machine.Eval(100, News2(8)).Single(AlertEventKind.Raised);

        Assert.Equal(Id(2), e.Alert.AlertId);
        Assert.Null(e.Alert.Supersedes);
    }

    // ---- Worsening ----

    [Fact]
    public void WorseningAfterAck_PriorityRises_ReRaisesAndSupersedes()
    {
        var machine = Machine();
        machine.Eval(0, News2(5));
        machine.Ack(Id(1), 10, "dr.lee");

        var update = machine.Eval(20, News2(7));

        Assert.Equal([AlertEventKind.Cleared, AlertEventKind.Raised], update.Events.Select(e => e.Kind));
        var old = update.Events[0].Alert;
        Assert.Equal(Id(1), old.AlertId);
        Assert.Equal(AlertState.Cleared, old.State);
        Assert.Equal("superseded", old.ClearReason);
        Assert.Equal(Id(2), old.SupersededBy);
        Assert.Equal("dr.lee", old.AcknowledgedBy);
        var fresh = update.Events[1].Alert;
        Assert.Equal(Id(2), fresh.AlertId);
        Assert.Equal(AlertPriority.High, fresh.Priority);
        Assert.Equal(AlertState.Raised, fresh.State);
        Assert.Equal(Id(1), fresh.Supersedes);
        Assert.Equal("NEWS2 7", fresh.Reason);
        Assert.Equal(At(80), fresh.EscalationDueAt);
        Assert.Equal([Id(2)], machine.Active.Select(a => a.AlertId));
    }

    [Fact]
    public void WorseningAfterAck_News2RisesBy2_ReRaises_By1_DoesNot()
    {
        var machine = Machine();
        machine.Eval(0, News2(7));
        machine.Ack(Id(1), 10);

        Assert.Empty(machine.Eval(20, News2(8)).Events);
        var update = machine.Eval(30, News2(9));

        Assert.Equal([AlertEventKind.Cleared, AlertEventKind.Raised], update.Events.Select(e => e.Kind));
        Assert.Equal(9, update.Events[1].Alert.Score);
    }

    [Fact]
    public void WorseningAfterAck_BaselineIsTheScoreWhenAcknowledged()
    {
        var machine = Machine();
        machine.Eval(0, News2(7));
        machine.Eval(5, News2(8)); // unacknowledged: below the delta, no update; score stays 7
        machine.Ack(Id(1), 10);    // baseline 7

        Assert.Equal(2, machine.Eval(20, News2(9)).Events.Length);
    }

    [Fact]
    public void ReRaiseDelta_Configurable()
    {
        var machine = Machine(new AlertOptions { News2ReRaiseDelta = 3 });
        machine.Eval(0, News2(7));
        machine.Ack(Id(1), 10);

        Assert.Empty(machine.Eval(20, News2(9)).Events);
        Assert.Equal(2, machine.Eval(30, News2(10)).Events.Length);
    }

    [Fact]
    public void AfterAck_DipAndReturnToTheSameLevel_NoReRaise()
    {
        var machine = Machine();
        machine.Eval(0, News2(8));
        machine.Ack(Id(1), 10);

        Assert.Empty(machine.Eval(20, News2(5)).Events);
        Assert.Empty(machine.Eval(30, News2(8)).Events);
        Assert.Single(machine.History);
    }

    [Fact]
    public void AfterAck_Improvement_NoEvent()
    {
        var machine = Machine();
        machine.Eval(0, News2(9));
        machine.Ack(Id(1), 10);

        Assert.Empty(machine.Eval(20, News2(7)).Events);
    }

    [Fact]
    public void WorseningBeforeAck_PriorityRises_UpdatesInPlace_EscalationBroughtForward()
    {
        var machine = Machine();
        machine.Eval(0, News2(5)); // medium: due at 120

        var e = machine.Eval(30, News2(7)).Single(AlertEventKind.Updated);

        Assert.Equal(Id(1), e.Alert.AlertId);
        Assert.Equal(AlertPriority.High, e.Alert.Priority);
        Assert.Equal(AlertPriority.High, e.Alert.ConditionPriority);
        Assert.Equal(AlertPriority.Medium, e.Alert.RaisedPriority);
        Assert.Equal(AlertState.Raised, e.Alert.State);
        Assert.Equal("NEWS2 7", e.Alert.Reason);
        Assert.Equal(At(90), e.Alert.EscalationDueAt);
        Assert.Empty(machine.Tick(89.999).Events);
        machine.Tick(90).Single(AlertEventKind.Escalated);
    }

    [Fact]
    public void WorseningBeforeAck_News2Rise_UpdatesButNeverDelaysEscalation()
    {
        var machine = Machine();
        machine.Eval(0, News2(7)); // high: due at 60

        var e = machine.Eval(50, News2(9)).Single(AlertEventKind.Updated);

        Assert.Equal(9, e.Alert.Score);
        Assert.Equal(At(60), e.Alert.EscalationDueAt);
        machine.Tick(60).Single(AlertEventKind.Escalated);
    }

    [Fact]
    public void WorseningBeforeAck_AfterEscalation_PriorityNotLowered()
    {
        var machine = Machine();
        machine.Eval(0, Condition(AlertKind.Predicted, AlertPriority.Low));
        machine.Tick(300); // low → medium
        machine.Tick(420); // medium → high

        var e = machine.Eval(430, Condition(AlertKind.Predicted, AlertPriority.Medium)).Single(AlertEventKind.Updated);

        Assert.Equal(AlertPriority.High, e.Alert.Priority);
        Assert.Equal(AlertPriority.Medium, e.Alert.ConditionPriority);
        Assert.Equal(AlertState.Escalated, e.Alert.State);
    }

    // ---- NEWS2 applicability ----

    [Fact]
    public void News2NotApplicable_NoNews2Alert_OtherKindsStill()
    {
        var machine = Machine();
        var pregnant = new PatientContext { AgeYears = 30, Pregnant = true };
        var vitals = Normal with { Rr = 25, Spo2 = 91, Hr = 112, Acvpu = Acvpu.Voice }; // NEWS2 11; qSOFA 2

        var update = machine.Evaluate(AlertInputs.Assess(vitals, pregnant), At(0));

        var e = update.Single(AlertEventKind.Raised);
        Assert.Equal(AlertKind.Qsofa, e.Alert.Kind);
    }

    [Fact]
    public void News2BecomingNotApplicable_ClearsOpenNews2AlertsAtOnce()
    {
        var machine = Machine();
        var vitals = Normal with { Rr = 25, Spo2 = 91, Hr = 112 };
        machine.Evaluate(AlertInputs.Assess(vitals), At(0));
        machine.Ack(Id(1), 5);

        var update = machine.Evaluate(AlertInputs.Assess(vitals, new PatientContext { AgeYears = 15 }), At(10));

        Assert.Equal([AlertEventKind.Cleared, AlertEventKind.Cleared], update.Events.Select(e => e.Kind));
        Assert.All(update.Events, e => Assert.Equal("NEWS2 not applicable: under 16 years (age 15)", e.Alert.ClearReason));
        Assert.All(update.Events, e => Assert.Equal(At(10), e.Alert.ClearedAt));
        Assert.Equal("dr.lee", update.Events[0].Alert.AcknowledgedBy);
        Assert.Empty(machine.Active);
        Assert.Empty(machine.Evaluate(AlertInputs.Assess(vitals, new PatientContext { AgeYears = 15 }), At(20)).Events);
    }

    [Fact]
    public void News2NotApplicable_ExplicitConditionsOfNews2KindsIgnored()
    {
        var machine = Machine();

        var update = machine.Evaluate([News2(9)], News2ApplicabilityResult.No("pregnant"), At(0));

        Assert.Empty(update.Events);
    }

    // ---- Other kinds ----

    [Fact]
    public void Qsofa_RaisesHighAlert()
    {
        var machine = Machine();

        var e = machine.Evaluate(AlertInputs.Assess(Normal with { Rr = 22, Sbp = 100 }), At(0)).Single(AlertEventKind.Raised);

        Assert.Equal("qsofa", e.Alert.Kind.ToCode());
        Assert.Equal(AlertPriority.High, e.Alert.Priority);
        Assert.Equal("qSOFA 2 (RR ≥22, SBP ≤100)", e.Alert.Reason);
    }

    [Fact]
    public void ShockIndex_RaisesHighAlert()
    {
        var machine = Machine();
        // hr 115 (2), sbp 112 (0): shock index 1.03; NEWS2 2; qSOFA 0
        var e = machine.Evaluate(AlertInputs.Assess(Normal with { Hr = 115, Sbp = 112 }), At(0)).Single(AlertEventKind.Raised);

        Assert.Equal("shock-index", e.Alert.Kind.ToCode());
        Assert.Equal(AlertPriority.High, e.Alert.Priority);
        Assert.Equal("Shock index 1.03 (high; HR 115 / SBP 112)", e.Alert.Reason);
    }

    [Fact]
    public void Trend_RaisesMediumAlert()
    {
        var machine = Machine();
        var trends = new TrendAssessment { Findings = [new TrendFinding(TrendKind.Spo2Falling, 98, 94, TimeSpan.FromMinutes(5))] };

        var e = machine.Evaluate(AlertInputs.Assess(Normal, trends: trends), At(0)).Single(AlertEventKind.Raised);

        Assert.Equal("trend", e.Alert.Kind.ToCode());
        Assert.Equal(AlertPriority.Medium, e.Alert.Priority);
        Assert.Equal("SpO2 fell 4 in 5 min (98 → 94)", e.Alert.Reason);
    }

    [Fact]
    public void Predicted_FromAdditionalConditions()
    {
        var machine = Machine();
        var inputs = AlertInputs.Assess(Normal) with
        {
            AdditionalConditions = [new AlertCondition(AlertKind.Predicted, AlertPriority.Low, "deterioration likely within 1 h")],
        };

        var e = machine.Evaluate(inputs, At(0)).Single(AlertEventKind.Raised);

        Assert.Equal("predicted", e.Alert.Kind.ToCode());
        Assert.Equal(AlertPriority.Low, e.Alert.Priority);
    }

    // ---- Views, clock, history, persistence ----

    [Fact]
    public void Active_HighestPriorityFirst_ThenOldest()
    {
        var machine = Machine();
        machine.Eval(0, Condition(AlertKind.Trend, AlertPriority.Medium));
        machine.Eval(1, Condition(AlertKind.Trend, AlertPriority.Medium), Condition(AlertKind.Predicted, AlertPriority.Low),
            Condition(AlertKind.Qsofa, AlertPriority.High), Condition(AlertKind.SingleParameter, AlertPriority.Medium));

        Assert.Equal([Id(3), Id(1), Id(2), Id(4)], machine.Active.Select(a => a.AlertId)); // kinds raise in kind order: single 2, qSOFA 3, predicted 4
        Assert.Equal([Id(1), Id(2), Id(3), Id(4)], machine.History.Select(a => a.AlertId));
        Assert.Equal(Id(3), machine.OpenAlert(AlertKind.Qsofa)!.AlertId);
        Assert.Null(machine.OpenAlert(AlertKind.ShockIndex));
    }

    [Fact]
    public void Version_RisesOnlyWithEvents()
    {
        var machine = Machine();
        machine.Eval(0, News2(8));
        Assert.Equal(1, machine.Version);

        machine.Eval(1, News2(8));
        machine.Tick(2);
        Assert.Equal(1, machine.Version);

        machine.Ack(Id(1), 3);
        Assert.Equal(2, machine.Version);
        Assert.Equal(2, machine.Find(Id(1))!.Version);
    }

    [Fact]
    public void ClockGoingBackwards_TakenAsTheLatestTime()
    {
        var machine = Machine();
        machine.Eval(100, News2(8));

        var e = machine.Eval(50, News2(8), Condition(AlertKind.Qsofa, AlertPriority.High)).Single(AlertEventKind.Raised);

        Assert.Equal(At(100), e.Alert.RaisedAt);
        Assert.Equal(At(100), machine.State.Clock);
        Assert.Empty(machine.Tick(159.999).Events);
        Assert.Equal(2, machine.Tick(160).Events.Length);
    }

    [Fact]
    public void History_Bounded_DropsOldestCleared_KeepsOpen()
    {
        var machine = Machine(new AlertOptions { HistoryLimit = 3, ClearHoldTime = TimeSpan.Zero });
        machine.Eval(0, Condition(AlertKind.Qsofa, AlertPriority.High)); // stays open throughout
        for (int i = 0; i < 5; i++)
        {
            machine.Eval(10 * i + 1, Condition(AlertKind.Qsofa, AlertPriority.High), Condition(AlertKind.Trend, AlertPriority.Medium));
            machine.Eval(10 * i + 2, Condition(AlertKind.Qsofa, AlertPriority.High));
        }

        Assert.Equal([Id(1), Id(5), Id(6)], machine.History.Select(a => a.AlertId));
        Assert.True(machine.History[0].IsOpen);
        Assert.Null(machine.Find(Id(2)));
        Assert.Equal(AlertCommandStatus.UnknownAlert, machine.Ack(Id(2), 100).Status);
    }

    [Fact]
    public void History_NeverDropsAnAlertTheCallsEventsAreAbout()
    {
        var machine = Machine(new AlertOptions { HistoryLimit = 1 });
        machine.Eval(0, News2(5));
        machine.Ack(Id(1), 1);

        var update = machine.Eval(2, News2(8)); // supersede: old cleared, new raised

        Assert.All(update.Events, e => Assert.NotNull(machine.Find(e.Alert.AlertId)));
        Assert.Equal(2, machine.History.Count);
    }

    [Fact]
    public void EventsCarryTheSnapshotStoredInHistory()
    {
        var machine = Machine();
        var update = machine.Eval(0, News2(8), Condition(AlertKind.Qsofa, AlertPriority.High));

        Assert.All(update.Events, e => Assert.Same(machine.Find(e.Alert.AlertId), e.Alert));
    }

    [Fact]
    public void BlankPatientId_Throws() =>
        Assert.Throws<ArgumentException>(() => new AlertStateMachine(" "));

    [Fact]
    public void Options_Defaults()
    {
        var o = AlertOptions.Default;

        Assert.Equal(TimeSpan.FromSeconds(60), o.HighEscalationTimeout);
        Assert.Equal(TimeSpan.FromSeconds(120), o.MediumEscalationTimeout);
        Assert.Equal(TimeSpan.FromSeconds(300), o.LowEscalationTimeout);
        Assert.Equal(TimeSpan.FromSeconds(60), o.ClearHoldTime);
        Assert.Equal(2, o.News2ReRaiseDelta);
        Assert.Equal(200, o.HistoryLimit);
        Assert.Equal(AlertPriority.Medium, o.SingleParameterPriority);
        Assert.Equal(AlertPriority.High, o.QsofaPriority);
        Assert.Equal(AlertPriority.High, o.ShockIndexPriority);
        Assert.Equal(ShockIndexBand.High, o.ShockIndexAlertBand);
        Assert.Equal(AlertPriority.Medium, o.TrendPriority);
        Assert.Equal(TimeSpan.FromSeconds(60), o.EscalationTimeout(AlertPriority.High));
        Assert.Equal(TimeSpan.FromSeconds(120), o.EscalationTimeout(AlertPriority.Medium));
        Assert.Equal(TimeSpan.FromSeconds(300), o.EscalationTimeout(AlertPriority.Low));
        Assert.Empty(o.Validate());
    }

    [Fact]
    public void Options_Invalid_Throw()
    {
        var options = new AlertOptions
        {
            HighEscalationTimeout = TimeSpan.Zero, ClearHoldTime = TimeSpan.FromSeconds(-1), News2ReRaiseDelta = 0,
            HistoryLimit = 0, TrendPriority = (AlertPriority)7, ShockIndexAlertBand = ShockIndexBand.Normal,
        };

        Assert.Equal(6, options.Validate().Count);
        Assert.Throws<ArgumentException>(() => new AlertStateMachine("P-1", options));
    }
}
