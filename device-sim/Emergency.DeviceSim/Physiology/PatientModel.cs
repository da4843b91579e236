using Emergency.Domain.Simulation;
using Emergency.Domain.Vitals;

namespace Emergency.DeviceSim.Physiology;

/// <summary>
/// One simulated patient. The state is a trend per vital sign (from the scenario) plus a bounded,
/// mean-reverting random walk (Ornstein–Uhlenbeck, clamped); <see cref="Measure"/> adds measurement noise,
/// rounds like a monitor does and clamps to physiologically possible values and the contract's ranges.
/// Deterministic: the same seed and the same sequence of <see cref="Advance"/>/<see cref="Measure"/> calls
/// give the same values.
/// </summary>
internal sealed class PatientModel
{
    private const int HrIx = 0, RrIx = 1, Spo2Ix = 2, SbpIx = 3, DbpIx = 4, TempIx = 5, Count = 6;

    /// <summary>Minimum pulse pressure kept between systolic and diastolic pressure.</summary>
    private const double MinPulsePressure = 15;

    private readonly Random _random;
    private readonly ScenarioProfile _profile;
    private readonly VitalCourse[] _courses;
    private readonly double[] _offset = new double[Count];
    private readonly double[] _walk = new double[Count];
    private readonly double _consciousnessShiftMinutes;

    public PatientModel(Scenario scenario, int seed, TimeSpan startAt = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(startAt, TimeSpan.Zero);
        Scenario = scenario;
        _profile = ScenarioProfile.For(scenario);
        _courses = [_profile.Hr, _profile.Rr, _profile.Spo2, _profile.Sbp, _profile.Dbp, _profile.Temp];
        _random = new Random(seed);
        for (var i = 0; i < Count; i++)
        {
            _offset[i] = _random.NextSymmetric(_courses[i].Individual);
            _walk[i] = _random.NextSymmetric(_courses[i].WalkBound / 2);
        }

        _consciousnessShiftMinutes = _random.NextSymmetric(5);
        Elapsed = startAt;
        UpdateOxygen();
    }

    public Scenario Scenario { get; }

    /// <summary>Time since the scenario's onset.</summary>
    public TimeSpan Elapsed { get; private set; }

    /// <summary>True once supplemental oxygen is running.</summary>
    public bool OnOxygen { get; private set; }

    public Spo2Scale Spo2Scale => _profile.Spo2Scale;

    /// <summary>Moves the patient forward by <paramref name="dt"/> of simulated time.</summary>
    public void Advance(TimeSpan dt)
    {
        if (dt <= TimeSpan.Zero)
        {
            return;
        }

        Elapsed += dt;
        var seconds = dt.TotalSeconds;
        for (var i = 0; i < Count; i++)
        {
            var course = _courses[i];
            var bound = course.WalkBound;
            if (bound <= 0)
            {
                continue;
            }

            // Exact discretisation of an OU process with stationary standard deviation bound/2, then clamped.
            var decay = Math.Exp(-seconds / course.WalkTauSeconds);
            var step = bound / 2 * Math.Sqrt(1 - decay * decay) * _random.NextGaussian();
            _walk[i] = Math.Clamp(_walk[i] * decay + step, -bound, bound);
        }

        UpdateOxygen();
    }

    /// <summary>Takes one measurement: trend + walk + noise, rounded (integers; temperature to 0.1 °C) and clamped.</summary>
    public VitalSigns Measure()
    {
        var minutes = Elapsed.TotalMinutes;
        Span<double> value = stackalloc double[Count];
        for (var i = 0; i < Count; i++)
        {
            var course = _courses[i];
            value[i] = course.Trend(minutes) + _offset[i] + _walk[i] + _random.NextTriangular(course.Noise);
        }

        if (OnOxygen && _profile.Oxygen == OxygenPolicy.WhenSaturationLow)
        {
            value[Spo2Ix] += ScenarioProfile.OxygenBoost;
        }

        var hr = Round(Math.Clamp(value[HrIx], 25, 220));
        var rr = Round(Math.Clamp(value[RrIx], 4, 60));
        var spo2 = Round(Math.Clamp(value[Spo2Ix], _profile.Spo2Floor, _profile.Spo2Ceiling));
        var sbp = Round(Math.Clamp(value[SbpIx], 50, 250));
        var dbp = Round(Math.Clamp(value[DbpIx], 25, Math.Min(150, sbp - MinPulsePressure)));
        var temp = Math.Round(Math.Clamp(value[TempIx], 32, 42.5), 1, MidpointRounding.AwayFromZero);

        return ContractRanges.Clamp(new VitalSigns(
            Hr: hr,
            Rr: rr,
            Spo2: spo2,
            Sbp: sbp,
            Dbp: dbp,
            Temp: temp,
            Acvpu: Consciousness(minutes),
            O2: OnOxygen,
            Spo2Scale: _profile.Spo2Scale));
    }

    private Acvpu Consciousness(double minutes)
    {
        var level = Acvpu.Alert;
        foreach (var (at, next) in _profile.Consciousness)
        {
            var threshold = at <= 0 ? at : at + _consciousnessShiftMinutes;
            if (minutes >= threshold)
            {
                level = next;
            }
        }

        return level;
    }

    private void UpdateOxygen()
    {
        OnOxygen = _profile.Oxygen switch
        {
            OxygenPolicy.Always => true,
            OxygenPolicy.Never => false,
            _ => OnOxygen || _courses[Spo2Ix].Trend(Elapsed.TotalMinutes) + _offset[Spo2Ix] < 94,
        };
    }

    private static double Round(double value) => Math.Round(value, MidpointRounding.AwayFromZero);
}
