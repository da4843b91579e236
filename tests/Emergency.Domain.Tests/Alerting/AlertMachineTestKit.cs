using Emergency.Domain.Alerts;
using Emergency.Domain.Scoring;

namespace Emergency.Domain.Tests.Alerting;

/// <summary>Conditions and calls for scripted alert timelines; times are seconds after <see cref="TestVitals.T0"/>.</summary>
internal static class AlertMachineTestKit
{
    public const string PatientId = "P-7F3A2";

    public static AlertStateMachine Machine(AlertOptions? options = null) => new(PatientId, options);

    public static AlertCondition News2(int total) =>
        new(AlertKind.News2High, total >= 7 ? AlertPriority.High : AlertPriority.Medium, $"NEWS2 {total}", total);

    public static AlertCondition Condition(AlertKind kind, AlertPriority priority) => new(kind, priority, $"{kind} {priority}");

    public static AlertUpdate Eval(this AlertStateMachine machine, double seconds, params AlertCondition[] conditions) =>
        machine.Evaluate(conditions, News2ApplicabilityResult.Yes, TestVitals.At(seconds));

    public static AlertUpdate Tick(this AlertStateMachine machine, double seconds) =>
        machine.Tick(TestVitals.At(seconds));

    public static AlertUpdate Ack(this AlertStateMachine machine, string alertId, double seconds, string by = "dr.lee") =>
        machine.Acknowledge(alertId, by, TestVitals.At(seconds));

    public static string Id(int n) => $"A-{PatientId}-{n}";

    public static AlertEvent Single(this AlertUpdate update, AlertEventKind kind)
    {
        var e = Assert.Single(update.Events);
        Assert.Equal(kind, e.Kind);
        return e;
    }
}
