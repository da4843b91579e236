using BenchmarkDotNet.Attributes;
using Emergency.Domain.Patients;
using Emergency.Domain.Risk;
using Emergency.Domain.Vitals;
using Emergency.Risk;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Emergency.Benchmarks.Micro;

/// <summary>
/// The learned deterioration risk on a full 60-minute window at 1 Hz (3,600 samples, an ambulance monitor):
/// feature build, prediction with the shipped model, both with the top factors, and the per-frame cost of the
/// grain's monitor, which scores at most every 5 s.
/// </summary>
[MemoryDiagnoser]
public class RiskBenchmarks
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 23, 7, 0, 0, TimeSpan.Zero);
    private readonly float[] _features = new float[RiskFeatures.Count];
    private readonly PatientContext _context = new() { AgeYears = 68 };
    private VitalsWindow _window = null!;
    private RiskScorer _scorer = null!;
    private DeteriorationRiskMonitor _monitor = null!;
    private long _endMs;
    private int _frame;

    [GlobalSetup]
    public void Setup()
    {
        _window = new VitalsWindow(TimeSpan.FromMinutes(60));
        for (var s = 0; s < 3600; s++)
        {
            var m = s / 60.0;
            _window.Add(T0.AddSeconds(s), new VitalSigns(80 + 0.6 * m, 16 + 0.1 * m, 97 - 0.05 * m,
                s % 300 == 0 ? 125 - 0.5 * m : null, null, s % 900 == 0 ? 37.2 : null, Acvpu.Alert, false, Spo2Scale.Scale1));
        }
        _endMs = T0.AddSeconds(3599).ToUnixTimeMilliseconds();
        var monitors = new DeteriorationRiskMonitors(Options.Create(new RiskOptions()), NullLogger<DeteriorationRiskMonitors>.Instance);
        _scorer = monitors.Model?.CreateScorer() ?? throw new InvalidOperationException(monitors.LoadFailure);
        _monitor = monitors.Create();
        RiskFeatureBuilder.Build(_window.Samples, new RiskContext(68, false), _endMs, _features);
    }

    [Benchmark]
    public float BuildFeatures()
    {
        RiskFeatureBuilder.Build(_window.Samples, new RiskContext(68, false), _endMs, _features);
        return _features[RiskFeatures.News2];
    }

    [Benchmark]
    public float Predict() => _scorer.Probability(_features);

    [Benchmark]
    public float BuildPredictAndExplain() => _scorer.Assess(_window.Samples, new RiskContext(68, false), _endMs, 0.5, 3).Probability;

    /// <summary>What a frame costs the patient grain: the monitor scores one frame in five at 1 Hz.</summary>
    [Benchmark]
    public bool MonitorPerFrameAt1Hz()
    {
        var at = _endMs - 600_000 + (_frame++ % 600) * 1000L;
        return _monitor.Update(_window.Samples, _context, DateTimeOffset.FromUnixTimeMilliseconds(at));
    }
}
