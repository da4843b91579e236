using BenchmarkDotNet.Attributes;
using Emergency.Domain.Vitals;
using Emergency.Grains.Patients;
using Emergency.Grains.Persistence;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;

namespace Emergency.Benchmarks.Micro;

/// <summary>
/// What a snapshot round costs per dirty patient on the grain's turn: serializing its state, of which the last
/// ~6 minutes of the window (what the trend rules read, 360 samples at 1 Hz) are the bulk.
/// </summary>
[MemoryDiagnoser]
public class PatientSnapshotBenchmarks
{
    private ServiceProvider _services = null!;
    private Serializer _serializer = null!;
    private PatientState _state = null!;

    [GlobalSetup]
    public void Setup()
    {
        _services = new ServiceCollection().AddSerializer(b => b.AddAssembly(typeof(PatientState).Assembly)).BuildServiceProvider();
        _serializer = _services.GetRequiredService<Serializer>();
        var t0 = new DateTimeOffset(2026, 12, 1, 8, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds();
        _state = new PatientState
        {
            Region = "bench",
            Window = [.. Enumerable.Range(0, 360).Select(i => new TimedVitals(t0 + i * 1000L,
                new VitalSigns(70 + i % 20, 16, 97, 120 + i % 15, 78, 36.8, Acvpu.Alert, false, Spo2Scale.Scale1)))],
        };
    }

    [GlobalCleanup]
    public void Cleanup() => _services.Dispose();

    [Benchmark]
    public int SerializeStateWithSixMinuteWindow() => _serializer.SerializeToArray(_state).Length;
}
