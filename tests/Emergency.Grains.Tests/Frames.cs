using System.Collections.Immutable;
using Emergency.Domain.Vitals;

namespace Emergency.Grains.Tests;

/// <summary>Small builders so each test reads as its timeline.</summary>
internal static class Frames
{
    private static int _next;

    /// <summary>A key no other test uses.</summary>
    public static string Unique(string prefix) => $"{prefix}-{Interlocked.Increment(ref _next):D5}-{Guid.NewGuid():N}"[..32];

    public static VitalSigns Full(double hr = 112, double rr = 24, double spo2 = 93, double sbp = 98, double temp = 38.4,
        Acvpu acvpu = Acvpu.Alert, bool o2 = true) =>
        new(hr, rr, spo2, sbp, 60, temp, acvpu, o2, Spo2Scale.Scale1);

    public static VitalsFrame Frame(string? patientId, long seq, DateTimeOffset ts, VitalSigns vitals) =>
        new(patientId, seq, ts, vitals);

    public static ImmutableArray<VitalsFrame> Batch(params VitalsFrame[] frames) => [.. frames];
}
