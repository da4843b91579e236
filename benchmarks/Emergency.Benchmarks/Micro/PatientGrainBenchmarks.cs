using System.Collections.Immutable;
using System.Net;
using System.Net.Sockets;
using BenchmarkDotNet.Attributes;
using Emergency.Domain.Devices;
using Emergency.Domain.Vitals;
using Emergency.Grains.Devices;
using Emergency.Grains.Hosting;
using Emergency.Grains.Patients;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Emergency.Benchmarks.Micro;

/// <summary>
/// The patient grain's update path in an in-process silo: a frame through the device grain (seq check, patient
/// binding) into the patient grain (window, scores, alerts, push hand-off), one frame per call and ten per call,
/// which is what batching frames of one device into one call buys.
/// </summary>
[MemoryDiagnoser]
public class PatientGrainBenchmarks
{
    private static readonly VitalSigns Normal = new(72, 16, 97, 122, 78, 36.8, Acvpu.Alert, false, Spo2Scale.Scale1);
    private IHost _silo = null!;
    private IAmbulanceGrain _unit = null!;
    private IPatientGrain _patient = null!;
    private DateTimeOffset _t0;
    private long _seq;
    private long _patientSeq;

    [GlobalSetup]
    public void Setup()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        var (siloPort, gatewayPort) = (FreePort(), FreePort());
        builder.UseOrleans(silo =>
        {
            silo.UseLocalhostClustering(siloPort, gatewayPort);
            silo.Services.AddEmergencyGrainServices();
        });
        _silo = builder.Build();
        _silo.StartAsync().GetAwaiter().GetResult();
        var grains = _silo.Services.GetRequiredService<IGrainFactory>();
        _unit = grains.GetGrain<IAmbulanceGrain>("AMB-BENCH");
        _patient = grains.GetGrain<IPatientGrain>("P-BENCH-DIRECT");
        _t0 = DateTimeOffset.UtcNow.AddDays(-1);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _silo.StopAsync().GetAwaiter().GetResult();
        _silo.Dispose();
    }

    [Benchmark]
    public Task PatientApplyOneFrame() => _patient.ApplyVitals("bench", new DeviceRef(DeviceKind.Ambulance, "AMB-DIRECT"),
        [Frame("P-BENCH-DIRECT", ++_patientSeq)]);

    [Benchmark]
    public Task DeviceThenPatientOneFrame() => _unit.ApplyVitals("bench", [Frame("P-BENCH", ++_seq)]);

    [Benchmark(OperationsPerInvoke = 10)]
    public Task DeviceThenPatientTenFramesPerCall()
    {
        var frames = ImmutableArray.CreateBuilder<VitalsFrame>(10);
        for (var i = 0; i < 10; i++) frames.Add(Frame("P-BENCH", ++_seq));
        return _unit.ApplyVitals("bench", frames.MoveToImmutable());
    }

    /// <summary>One second apart, as a monitor sends them, so the 60-minute window reaches its steady size.</summary>
    private VitalsFrame Frame(string patientId, long seq) =>
        new(patientId, seq, _t0.AddSeconds(seq), Normal with { Hr = 60 + seq % 30 });

    private static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
