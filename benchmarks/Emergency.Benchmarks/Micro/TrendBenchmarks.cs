using BenchmarkDotNet.Attributes;
using Emergency.Domain.Scoring;
using Emergency.Domain.Vitals;

namespace Emergency.Benchmarks.Micro;

/// <summary>
/// The trend rules as the patient grain runs them on every accepted frame: a full 60-minute window at 1 Hz and a
/// NEWS2 series, judged at the newest sample.
/// </summary>
[MemoryDiagnoser]
public class TrendBenchmarks
{
    private readonly VitalsWindow _window = new(TimeSpan.FromMinutes(60));
    private readonly News2Series _news2 = new();
    private DateTimeOffset _now;

    [GlobalSetup]
    public void Setup()
    {
        var t0 = new DateTimeOffset(2026, 12, 1, 8, 0, 0, TimeSpan.Zero);
        for (var i = 0; i < 3600; i++)
        {
            var vitals = new VitalSigns(70 + i % 20, 16 + i % 4, 97 - i % 3, 120 + i % 15, 78, 36.8, Acvpu.Alert, false, Spo2Scale.Scale1);
            _now = t0.AddSeconds(i);
            _window.Add(_now, vitals);
            _news2.Add(_now, News2Calculator.Score(vitals));
        }
    }

    [Benchmark]
    public int EvaluateOverFullWindow() => TrendRules.Evaluate(_news2.Points, _window.Samples, _now).Findings.Length;
}
