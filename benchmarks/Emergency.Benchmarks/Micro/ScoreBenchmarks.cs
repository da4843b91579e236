using BenchmarkDotNet.Attributes;
using Emergency.Domain.Alerts;
using Emergency.Domain.Scoring;
using Emergency.Domain.Vitals;

namespace Emergency.Benchmarks.Micro;

/// <summary>The other scores computed on every accepted frame, and the alert inputs that combine them.</summary>
[MemoryDiagnoser]
public class ScoreBenchmarks
{
    private readonly VitalSigns _vitals = new(112, 24, 93, 98, 60, 38.4, Acvpu.Alert, true, Spo2Scale.Scale1);

    [Benchmark]
    public int Qsofa() => QsofaCalculator.Score(_vitals).Points;

    [Benchmark]
    public double? ShockIndexOf() => ShockIndex.Compute(_vitals)?.Value;

    [Benchmark]
    public bool AlertInputsAssess() => AlertInputs.Assess(_vitals).News2 is not null;
}
