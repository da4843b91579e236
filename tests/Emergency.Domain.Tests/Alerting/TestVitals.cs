using Emergency.Domain.Vitals;

namespace Emergency.Domain.Tests.Alerting;

/// <summary>Vital-sign sets and clock values shared by the alerting tests.</summary>
internal static class TestVitals
{
    /// <summary>Every NEWS2 parameter in its 0-score band; qSOFA 0; shock index 70/120 ≈ 0.58.</summary>
    public static readonly VitalSigns Normal = new(
        Hr: 70, Rr: 16, Spo2: 98, Sbp: 120, Dbp: 80, Temp: 37.0,
        Acvpu: Acvpu.Alert, O2: false, Spo2Scale: Spo2Scale.Scale1);

    /// <summary>A fixed start of time for scripted timelines.</summary>
    public static readonly DateTimeOffset T0 = new(2026, 11, 23, 7, 0, 0, TimeSpan.Zero);

    public static DateTimeOffset At(double seconds) => T0.AddSeconds(seconds);

    public static DateTimeOffset AtMs(long milliseconds) => T0.AddMilliseconds(milliseconds);
}
