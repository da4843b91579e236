using Emergency.Domain.Alerts;
using Emergency.Domain.Patients;
using Emergency.Domain.Scoring;
using Emergency.Domain.Vitals;
using Xunit.Abstractions;
using static Emergency.Domain.Tests.Alerting.TestVitals;

namespace Emergency.Domain.Tests.Alerting;

/// <summary>
/// Random timelines through the whole pipeline (artefact filter → scores → trends → alert machine), with random
/// acknowledgements and ticks, checked against the machine's invariants after every call. Seeds are fixed, so a
/// failure names a timeline that replays exactly.
/// </summary>
public class AlertTimelinePropertyTests(ITestOutputHelper output)
{
    private const int Timelines = 500;
    private const int Steps = 200;

    [Fact]
    public void RandomTimelines_KeepEveryInvariant()
    {
        int quietEvaluations = 0, raised = 0, escalated = 0, acknowledged = 0, superseded = 0, notApplicable = 0;
        for (int seed = 1; seed <= Timelines; seed++)
        {
            var run = new Timeline(seed);
            run.Play(Steps);
            run.SettleAndCheckEveryAlertEnded();

            quietEvaluations += run.QuietEvaluations;
            raised += run.Count(AlertEventKind.Raised);
            escalated += run.Count(AlertEventKind.Escalated);
            acknowledged += run.Count(AlertEventKind.Acknowledged);
            superseded += run.Superseded;
            notApplicable += run.ClearedNotApplicable;
        }

        output.WriteLine($"quiet evaluations {quietEvaluations}, raised {raised}, escalated {escalated}, " +
            $"acknowledged {acknowledged}, superseded {superseded}, cleared as not applicable {notApplicable}");

        // The timelines must exercise what the invariants are about.
        Assert.True(quietEvaluations > 10_000, $"quiet evaluations: {quietEvaluations}");
        Assert.True(raised > 1_000, $"raised: {raised}");
        Assert.True(escalated > 500, $"escalated: {escalated}");
        Assert.True(acknowledged > 500, $"acknowledged: {acknowledged}");
        Assert.True(superseded > 10, $"superseded: {superseded}");
        Assert.True(notApplicable > 10, $"cleared as not applicable: {notApplicable}");
    }

    private sealed class Timeline
    {
        private enum Mode { Normal, Mild, Sick }

        private readonly int _seed;
        private readonly Random _random;
        private readonly ArtefactFilter _filter = new();
        private readonly VitalsWindow _window = new(TimeSpan.FromMinutes(30));
        private readonly News2Series _series = new();
        private readonly AlertStateMachine _machine;
        private readonly Dictionary<string, Alert> _latest = [];
        private readonly HashSet<string> _everAcknowledged = [];
        private readonly Dictionary<AlertEventKind, int> _counts = [];
        private PatientContext? _context;
        private DateTimeOffset _now = T0;
        private Mode _mode = Mode.Normal;
        private int _modeLeft;
        private bool _settling;

        public Timeline(int seed)
        {
            _seed = seed;
            _random = new Random(seed);
            _machine = new AlertStateMachine($"P-{seed}");
            _context = PickContext();
        }

        public int QuietEvaluations { get; private set; }

        public int Superseded { get; private set; }

        public int ClearedNotApplicable { get; private set; }

        public int Count(AlertEventKind kind) => _counts.GetValueOrDefault(kind);

        public void Play(int steps)
        {
            for (int step = 0; step < steps; step++)
            {
                _now += _random.Next(100) < 5
                    ? TimeSpan.FromSeconds(_random.Next(60, 300))
                    : TimeSpan.FromMilliseconds(_random.Next(500, 20_000));

                if (_random.Next(100) < 2) _context = PickContext();

                int action = _random.Next(100);
                if (action < 70) Frame(NextVitals());
                else if (action < 88) Check(_machine.Tick(_now), "tick");
                else Acknowledge();
            }
        }

        /// <summary>Normal vitals long enough for every hold and window to pass; then every alert must have ended.</summary>
        public void SettleAndCheckEveryAlertEnded()
        {
            _settling = true;
            var until = _now + TimeSpan.FromMinutes(20);
            while (_now < until)
            {
                _now += TimeSpan.FromSeconds(5);
                Frame(Normal);
            }
            _now += TimeSpan.FromMinutes(2);
            Check(_machine.Tick(_now), "final tick");

            Assert.True(_machine.Active.Count == 0, $"seed {_seed}: alerts still open: {string.Join(", ", _machine.Active.Select(a => a.AlertId))}");
            foreach (var alert in _latest.Values)
            {
                Assert.True(alert.State == AlertState.Cleared, $"seed {_seed}: {alert.AlertId} ended {alert.State}");
                Assert.False(string.IsNullOrEmpty(alert.ClearReason), $"seed {_seed}: {alert.AlertId} cleared without a reason");
                Assert.NotNull(alert.ClearedAt);
                if (alert.AcknowledgedAt is { } ackAt)
                {
                    Assert.NotNull(alert.AcknowledgedBy);
                    Assert.True(ackAt <= alert.ClearedAt, $"seed {_seed}: {alert.AlertId} acknowledged after it cleared");
                }
            }
            Assert.All(_machine.History, a => Assert.Equal(AlertState.Cleared, a.State));
        }

        private void Frame(VitalSigns frame)
        {
            var filtered = _filter.Apply(_now, frame);
            _window.Add(_now, frame);
            var inputs0 = AlertInputs.Assess(filtered.Confirmed, _context);
            _series.Add(_now, inputs0.News2!.Value);
            var trends = TrendRules.Evaluate(_series.Points, _window.Samples, _now);
            var inputs = inputs0 with { Trends = trends };

            var update = _machine.Evaluate(inputs, _now);

            // No alert while every scored parameter is in its 0 band and qSOFA, shock index and trends are negative.
            var news2 = inputs.News2!.Value;
            bool quiet = news2.Total == 0
                && inputs.Qsofa is not { Positive: true }
                && inputs.ShockIndex is not { Band: >= ShockIndexBand.High }
                && !trends.Any;
            if (quiet)
            {
                if (!_settling) QuietEvaluations++;
                Assert.True(
                    update.Events.All(e => e.Kind != AlertEventKind.Raised),
                    $"seed {_seed}: raised at {_now:O} with all parameters in their 0 band: {filtered.Confirmed}");
            }

            if (!inputs.Applicability.Applicable)
            {
                Assert.DoesNotContain(update.Events, e => e.Kind == AlertEventKind.Raised && e.Alert.Kind.IsNews2Based());
            }

            Check(update, "frame");
        }

        private void Acknowledge()
        {
            var active = _machine.Active;
            string id;
            int pick = _random.Next(10);
            if (pick < 7 && active.Count > 0) id = active[_random.Next(active.Count)].AlertId;
            else if (pick < 9 && _latest.Count > 0) id = _latest.Keys.ElementAt(_random.Next(_latest.Count));
            else id = $"A-P-{_seed}-{1000 + _random.Next(1000)}";

            var before = _machine.Find(id);
            var update = _machine.Acknowledge(id, _random.Next(2) == 0 ? "dr.lee" : "crew-12", _now);

            var expected = before switch
            {
                null => AlertCommandStatus.UnknownAlert,
                { IsAcknowledged: true } => AlertCommandStatus.AlreadyAcknowledged,
                { IsOpen: false } => AlertCommandStatus.AlreadyCleared,
                _ => AlertCommandStatus.Ok,
            };
            Assert.Equal(expected, update.Status);
            if (expected == AlertCommandStatus.Ok)
            {
                Assert.Equal(AlertEventKind.Acknowledged, Assert.Single(update.Events).Kind);
            }
            else
            {
                Assert.Empty(update.Events);
                if (before is not null) Assert.Same(before, _machine.Find(id)); // nothing changed
            }

            Check(update, "acknowledge");
        }

        private void Check(AlertUpdate update, string call)
        {
            foreach (var e in update.Events)
            {
                var alert = e.Alert;
                string where = $"seed {_seed}, {call} at {_now:O}, {e.Kind} {alert.AlertId}";

                Assert.True(_machine.Find(alert.AlertId) is not null, $"{where}: not in history");
                Assert.Equal(_now, e.At);

                _latest.TryGetValue(alert.AlertId, out var previous);
                if (e.Kind == AlertEventKind.Raised)
                {
                    Assert.True(previous is null, $"{where}: raised twice");
                    Assert.Equal(AlertState.Raised, alert.State);
                }
                else
                {
                    Assert.True(previous is not null, $"{where}: event before raise");
                    Assert.True(previous!.IsOpen, $"{where}: event after clear");
                    Assert.True(alert.Version > previous.Version, $"{where}: version did not rise");
                }

                switch (e.Kind)
                {
                    case AlertEventKind.Escalated:
                        Assert.False(_everAcknowledged.Contains(alert.AlertId), $"{where}: escalated after acknowledgement");
                        Assert.Null(alert.AcknowledgedAt);
                        Assert.Equal(AlertState.Escalated, alert.State);
                        Assert.True(alert.Priority >= previous!.Priority);
                        break;
                    case AlertEventKind.Acknowledged:
                        _everAcknowledged.Add(alert.AlertId);
                        Assert.Equal(AlertState.Acknowledged, alert.State);
                        Assert.NotNull(alert.AcknowledgedBy);
                        break;
                    case AlertEventKind.Updated:
                        Assert.Null(alert.AcknowledgedAt);
                        Assert.True(alert.Priority >= previous!.Priority);
                        break;
                    case AlertEventKind.Cleared:
                        Assert.Equal(AlertState.Cleared, alert.State);
                        Assert.False(string.IsNullOrEmpty(alert.ClearReason), $"{where}: no clear reason");
                        if (alert.ClearReason == AlertClearReasons.Superseded)
                        {
                            Superseded++;
                            Assert.NotNull(alert.AcknowledgedAt);
                            Assert.Contains(update.Events, r => r.Kind == AlertEventKind.Raised && r.Alert.AlertId == alert.SupersededBy);
                        }
                        if (alert.ClearReason!.StartsWith(AlertClearReasons.News2NotApplicablePrefix)) ClearedNotApplicable++;
                        break;
                }

                _latest[alert.AlertId] = alert;
                _counts[e.Kind] = Count(e.Kind) + 1;
            }

            // At most one open alert per kind; open and cleared alerts are consistent.
            var active = _machine.Active;
            Assert.Equal(active.Count, active.Select(a => a.Kind).Distinct().Count());
            foreach (var alert in _machine.History)
            {
                if (alert.IsOpen)
                {
                    Assert.Null(alert.ClearReason);
                    Assert.Null(alert.ClearedAt);
                    Assert.Equal(alert.State == AlertState.Acknowledged, alert.IsAcknowledged);
                }
                else
                {
                    Assert.NotNull(alert.ClearReason);
                    Assert.NotNull(alert.ClearedAt);
                }
            }
        }

        private PatientContext? PickContext() => _random.Next(10) switch
        {
            0 => new PatientContext { AgeYears = 30, Pregnant = true },
            1 => new PatientContext { AgeYears = 15 },
            2 => new PatientContext { AgeYears = 70, HypercapnicRespiratoryFailure = true },
            3 or 4 => null,
            _ => new PatientContext { AgeYears = 16 + _random.Next(80) },
        };

        private VitalSigns NextVitals()
        {
            if (_modeLeft-- <= 0)
            {
                _mode = (Mode)(_random.Next(10) switch { < 4 => 0, < 7 => 1, _ => 2 });
                _modeLeft = _random.Next(10, 60);
            }

            var v = _mode switch
            {
                Mode.Normal => new VitalSigns(
                    Hr: Between(51, 90), Rr: Between(12, 20), Spo2: Between(96, 100), Sbp: Between(111, 219), Dbp: Between(50, 90),
                    Temp: Math.Round(Between(36.1, 38.0), 1), Acvpu: Acvpu.Alert, O2: false, Spo2Scale: null),
                Mode.Mild => new VitalSigns(
                    Hr: Between(45, 120), Rr: Between(10, 24), Spo2: Between(91, 100), Sbp: Between(95, 200), Dbp: Between(50, 90),
                    Temp: Between(35.5, 39.0), Acvpu: _random.Next(20) == 0 ? Acvpu.NewConfusion : Acvpu.Alert,
                    O2: _random.Next(5) == 0, Spo2Scale: null),
                _ => new VitalSigns(
                    Hr: Between(30, 180), Rr: Between(5, 40), Spo2: Between(70, 100), Sbp: Between(60, 230), Dbp: Between(30, 120),
                    Temp: Between(34, 41), Acvpu: (Acvpu)_random.Next(5), O2: _random.Next(2) == 0, Spo2Scale: null),
            };

            // Artefacts and wearables: probe off, motion spikes, frames carrying a subset.
            int roll = _random.Next(100);
            if (roll < 3) v = v with { Spo2 = 0 };
            else if (roll < 5) v = v with { Hr = Between(150, 220) };
            else if (roll < 15) v = VitalSigns.Empty with { Hr = v.Hr, Spo2 = v.Spo2 };
            return v;
        }

        private double Between(double min, double max) => min + _random.NextDouble() * (max - min);
    }
}
