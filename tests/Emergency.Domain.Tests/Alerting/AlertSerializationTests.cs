using Emergency.Domain.Alerts;
using Emergency.Domain.Scoring;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using static Emergency.Domain.Tests.Alerting.AlertMachineTestKit;
using static Emergency.Domain.Tests.Alerting.TestVitals;

namespace Emergency.Domain.Tests.Alerting;

public sealed class AlertSerializationTests : IDisposable
{
    private readonly ServiceProvider _services = new ServiceCollection().AddSerializer().BuildServiceProvider();

    private T RoundTrip<T>(T value)
    {
        var serializer = _services.GetRequiredService<Serializer>();
        return serializer.Deserialize<T>(serializer.SerializeToArray(value))!;
    }

    public void Dispose() => _services.Dispose();

    [Fact]
    public void MachineState_RoundTrips_AndTheCopyCarriesOn()
    {
        var machine = Machine();
        machine.Eval(0, News2(5), Condition(AlertKind.Qsofa, AlertPriority.High));
        machine.Ack(Id(1), 10, "dr.lee");
        machine.Eval(20, News2(7), Condition(AlertKind.Qsofa, AlertPriority.High)); // 1 superseded by 3
        machine.Eval(30, News2(7));                                                   // qSOFA hold starts

        var copy = RoundTrip(machine.State);
        var resumed = new AlertStateMachine(copy);

        Assert.Equal(machine.History, resumed.History);
        Assert.Equal(machine.Version, resumed.Version);
        Assert.Equal(machine.State.NextSequence, copy.NextSequence);
        Assert.Equal(machine.State.Clock, copy.Clock);
        Assert.Equal(PatientId, resumed.PatientId);

        // Both go on identically: news2 (raised at 20) escalates at 80, qSOFA (absent since 30) clears at 90.
        Assert.Equal<AlertEvent>(machine.Tick(80).Events, resumed.Tick(80).Events);
        var cleared = resumed.Tick(90).Single(AlertEventKind.Cleared);
        Assert.Equal(Id(2), cleared.Alert.AlertId);
        Assert.Equal(Id(4), resumed.Eval(100, News2(7), Condition(AlertKind.Trend, AlertPriority.Medium)).Events[0].Alert.AlertId);
    }

    [Fact]
    public void AlertUpdate_WithEvents_RoundTrips()
    {
        var machine = Machine();
        var update = machine.Eval(0, News2(8), Condition(AlertKind.ShockIndex, AlertPriority.High));

        var copy = RoundTrip(update);

        Assert.Equal<AlertEvent>(update.Events, copy.Events);
        Assert.Equal(update.Status, copy.Status);
    }

    [Fact]
    public void FailedUpdate_RoundTrips()
    {
        var update = Machine().Ack("A-x", 0);

        var copy = RoundTrip(update);

        Assert.Equal(AlertCommandStatus.UnknownAlert, copy.Status);
        Assert.Equal(update.Error, copy.Error);
        Assert.Empty(copy.Events);
    }

    [Fact]
    public void ScoringResults_RoundTrip()
    {
        var qsofa = QsofaCalculator.Score(Normal with { Rr = 25, Sbp = 95 });
        var si = ShockIndex.Compute(120, 95)!.Value;
        var trends = new TrendAssessment
        {
            News2ChangeShort = 2,
            Spo2 = new ParameterTrend(97, 92, 60, 60),
            Findings = [new TrendFinding(TrendKind.Spo2Falling, 97, 92, TimeSpan.FromMinutes(5))],
        };
        var filtered = new ArtefactFilter().Apply(T0, Normal);

        Assert.Equal(qsofa, RoundTrip(qsofa));
        Assert.Equal(si, RoundTrip(si));
        var trendsCopy = RoundTrip(trends);
        Assert.Equal<TrendFinding>(trends.Findings, trendsCopy.Findings);
        Assert.Equal(trends.Spo2, trendsCopy.Spo2);
        Assert.Equal(trends.News2ChangeShort, trendsCopy.News2ChangeShort);
        Assert.Equal(filtered, RoundTrip(filtered));
        Assert.Equal(News2ApplicabilityResult.No("pregnant"), RoundTrip(News2ApplicabilityResult.No("pregnant")));
    }
}
