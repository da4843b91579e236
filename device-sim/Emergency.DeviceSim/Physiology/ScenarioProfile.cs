using Emergency.Domain.Vitals;

namespace Emergency.DeviceSim.Physiology;

/// <summary>
/// How one vital sign moves: a trend from <see cref="Start"/> to <see cref="End"/> between
/// <see cref="OnsetMinutes"/> and <see cref="OnsetMinutes"/> + <see cref="DurationMinutes"/>,
/// a per-patient offset (uniform ±<see cref="Individual"/>), a mean-reverting random walk bounded by
/// ±<see cref="WalkBound"/>, and measurement noise (triangular ±<see cref="Noise"/>).
/// </summary>
internal readonly record struct VitalCourse(
    double Start,
    double End,
    double OnsetMinutes,
    double DurationMinutes,
    double Individual,
    double WalkBound,
    double Noise,
    double WalkTauSeconds = 120)
{
    public static VitalCourse Flat(double value, double individual, double walkBound, double noise, double walkTauSeconds = 120) =>
        new(value, value, 0, 0, individual, walkBound, noise, walkTauSeconds);

    public double Trend(double minutes)
    {
        var progress = DurationMinutes <= 0 ? 1.0 : Math.Clamp((minutes - OnsetMinutes) / DurationMinutes, 0.0, 1.0);
        return Start + (End - Start) * progress;
    }
}

internal enum OxygenPolicy
{
    Never,
    Always,

    /// <summary>The crew starts oxygen once saturation falls below 94 % and leaves it on.</summary>
    WhenSaturationLow,
}

/// <summary>The parameters of one <see cref="Physiology.Scenario"/>.</summary>
internal sealed record ScenarioProfile(
    Scenario Scenario,
    VitalCourse Hr,
    VitalCourse Rr,
    VitalCourse Spo2,
    VitalCourse Sbp,
    VitalCourse Dbp,
    VitalCourse Temp,
    OxygenPolicy Oxygen,
    Spo2Scale Spo2Scale,
    IReadOnlyList<(double Minutes, Acvpu Level)> Consciousness,
    double Spo2Floor = 60,
    double Spo2Ceiling = 100)
{
    /// <summary>Saturation gained when supplemental oxygen is started.</summary>
    public const double OxygenBoost = 3;

    public static ScenarioProfile For(Scenario scenario) => scenario switch
    {
        Scenario.Stable => Stable,
        Scenario.Sepsis => Sepsis,
        Scenario.Haemorrhage => Haemorrhage,
        Scenario.CopdOnOxygen => CopdOnOxygen,
        Scenario.Stemi => Stemi,
        Scenario.Stroke => Stroke,
        _ => throw new ArgumentOutOfRangeException(nameof(scenario), scenario, null),
    };

    // Bands are chosen so that trend + individual offset + walk + noise stays inside the NEWS2 zero-score bands
    // (HR 51–90, RR 12–20, SpO2 ≥ 96, SBP 111–219, temp 36.1–38.0).
    public static readonly ScenarioProfile Stable = new(
        Scenario.Stable,
        Hr: VitalCourse.Flat(72, individual: 8, walkBound: 5, noise: 2),
        Rr: VitalCourse.Flat(15, individual: 1, walkBound: 1.2, noise: 0.6),
        Spo2: VitalCourse.Flat(97.8, individual: 0.3, walkBound: 0.8, noise: 0.5),
        Sbp: VitalCourse.Flat(126, individual: 6, walkBound: 5, noise: 3),
        Dbp: VitalCourse.Flat(78, individual: 5, walkBound: 4, noise: 3),
        Temp: VitalCourse.Flat(36.8, individual: 0.2, walkBound: 0.2, noise: 0.1, walkTauSeconds: 600),
        OxygenPolicy.Never,
        Spo2Scale.Scale1,
        [(0, Acvpu.Alert)]);

    public static readonly ScenarioProfile Sepsis = new(
        Scenario.Sepsis,
        Hr: new(98, 140, 0, 60, Individual: 6, WalkBound: 5, Noise: 2),
        Rr: new(21, 32, 0, 60, Individual: 1, WalkBound: 1.5, Noise: 0.6),
        Spo2: new(95, 89, 0, 60, Individual: 0.5, WalkBound: 1, Noise: 0.5),
        Sbp: new(116, 78, 0, 60, Individual: 6, WalkBound: 4, Noise: 3),
        Dbp: new(70, 42, 0, 60, Individual: 4, WalkBound: 3, Noise: 2),
        Temp: new(38.2, 39.8, 0, 60, Individual: 0.2, WalkBound: 0.15, Noise: 0.1, WalkTauSeconds: 600),
        OxygenPolicy.WhenSaturationLow,
        Spo2Scale.Scale1,
        [(0, Acvpu.Alert), (35, Acvpu.NewConfusion), (75, Acvpu.Voice)]);

    public static readonly ScenarioProfile Haemorrhage = new(
        Scenario.Haemorrhage,
        Hr: new(104, 152, 0, 25, Individual: 6, WalkBound: 4, Noise: 2),
        Rr: new(20, 30, 0, 25, Individual: 1, WalkBound: 1.5, Noise: 0.6),
        Spo2: new(97, 90, 18, 12, Individual: 0.5, WalkBound: 0.8, Noise: 0.5),
        Sbp: new(112, 68, 0, 25, Individual: 5, WalkBound: 4, Noise: 3),
        Dbp: new(72, 40, 0, 25, Individual: 4, WalkBound: 3, Noise: 2),
        Temp: new(36.4, 35.6, 0, 30, Individual: 0.2, WalkBound: 0.15, Noise: 0.1, WalkTauSeconds: 600),
        OxygenPolicy.WhenSaturationLow,
        Spo2Scale.Scale1,
        [(0, Acvpu.Alert), (18, Acvpu.NewConfusion), (28, Acvpu.Voice)]);

    public static readonly ScenarioProfile CopdOnOxygen = new(
        Scenario.CopdOnOxygen,
        Hr: VitalCourse.Flat(92, individual: 6, walkBound: 4, noise: 2),
        Rr: VitalCourse.Flat(24, individual: 1, walkBound: 1.5, noise: 0.5),
        Spo2: VitalCourse.Flat(88, individual: 0.5, walkBound: 1.2, noise: 0.5),
        Sbp: VitalCourse.Flat(138, individual: 8, walkBound: 5, noise: 3),
        Dbp: VitalCourse.Flat(82, individual: 5, walkBound: 4, noise: 2),
        Temp: VitalCourse.Flat(36.9, individual: 0.2, walkBound: 0.2, noise: 0.1, walkTauSeconds: 600),
        OxygenPolicy.Always,
        Spo2Scale.Scale2,
        [(0, Acvpu.Alert)],
        Spo2Floor: 86,
        Spo2Ceiling: 90);

    public static readonly ScenarioProfile Stemi = new(
        Scenario.Stemi,
        Hr: new(96, 108, 0, 45, Individual: 8, WalkBound: 6, Noise: 3),
        Rr: new(20, 22, 0, 45, Individual: 1, WalkBound: 1.5, Noise: 0.6),
        Spo2: new(95.5, 94.5, 0, 45, Individual: 0.5, WalkBound: 1, Noise: 0.5),
        Sbp: new(108, 96, 0, 45, Individual: 6, WalkBound: 5, Noise: 3),
        Dbp: new(70, 62, 0, 45, Individual: 4, WalkBound: 3, Noise: 2),
        Temp: VitalCourse.Flat(36.6, individual: 0.2, walkBound: 0.15, noise: 0.1, walkTauSeconds: 600),
        OxygenPolicy.WhenSaturationLow,
        Spo2Scale.Scale1,
        [(0, Acvpu.Alert)]);

    public static readonly ScenarioProfile Stroke = new(
        Scenario.Stroke,
        Hr: new(84, 80, 0, 60, Individual: 6, WalkBound: 4, Noise: 2),
        Rr: VitalCourse.Flat(17, individual: 1, walkBound: 1.2, noise: 0.6),
        Spo2: VitalCourse.Flat(96, individual: 0.5, walkBound: 0.8, noise: 0.5),
        Sbp: new(186, 176, 0, 60, Individual: 8, WalkBound: 6, Noise: 3),
        Dbp: new(102, 96, 0, 60, Individual: 5, WalkBound: 4, Noise: 2),
        Temp: new(37.0, 37.3, 0, 60, Individual: 0.2, WalkBound: 0.15, Noise: 0.1, WalkTauSeconds: 600),
        OxygenPolicy.WhenSaturationLow,
        Spo2Scale.Scale1,
        [(0, Acvpu.NewConfusion), (40, Acvpu.Voice)]);
}
