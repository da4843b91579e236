using BenchmarkDotNet.Attributes;
using Emergency.Domain.Scoring;
using Emergency.Domain.Vitals;

namespace Emergency.Benchmarks.Micro;

/// <summary>NEWS2 over a full set of vitals, as recomputed on every accepted frame.</summary>
[MemoryDiagnoser]
public class News2Benchmarks
{
    private VitalSigns _vitals = new(112, 24, 93, 98, 60, 38.4, Acvpu.Alert, true, Spo2Scale.Scale1);
    private readonly LatestVitals _latest = new();

    [GlobalSetup]
    public void Setup() => _latest.Apply(_vitals, DateTimeOffset.UtcNow);

    [Benchmark]
    public int Score() => News2Calculator.Score(_vitals).Total;

    [Benchmark]
    public int FreshThenScore() => News2Calculator.Score(_latest.Fresh(DateTimeOffset.UtcNow, TimeSpan.FromMinutes(5))).Total;
}
