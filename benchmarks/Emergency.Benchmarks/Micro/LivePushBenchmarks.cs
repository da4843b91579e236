extern alias host;
using System.Collections.Immutable;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Emergency.Domain.Devices;
using Emergency.Domain.Patients;
using Emergency.Domain.Scoring;
using Emergency.Domain.Vitals;
using Emergency.Grains.Devices;
using Emergency.Grains.Patients;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using host::Emergency.Dashboard.Api;
using host::Emergency.Dashboard.Live;

namespace Emergency.Benchmarks.Micro;

/// <summary>
/// The push coalescer: what a grain pays to hand over a changed patient (the newest state replaces the pending one;
/// only the first change of a window signals the send loop), and what one push costs the host (contract DTO + JSON).
/// </summary>
[MemoryDiagnoser]
public class LivePushBenchmarks
{
    private const int Patients = 1_000;
    private CoalescingLivePush _push = null!;
    private PatientSnapshot[] _snapshots = null!;
    private long _version;
    private int _next;

    [GlobalSetup]
    public void Setup()
    {
        // The send loop is not started: this measures the grain side only; a hub context is not needed for it.
        _push = new CoalescingLivePush(null!, TimeProvider.System, Options.Create(new LivePushOptions()), NullLogger<CoalescingLivePush>.Instance);
        var vitals = new VitalSigns(112, 24, 93, 98, 60, 38.4, Acvpu.Alert, true, Spo2Scale.Scale1);
        var news2 = News2Calculator.Score(vitals);
        _snapshots = Enumerable.Range(0, Patients).Select(i => new PatientSnapshot(
            PatientId: $"P-{i:D5}", Region: "sh", Source: new DeviceRef(DeviceKind.Ambulance, $"AMB-{i:D5}"),
            UpdatedAt: DateTimeOffset.UtcNow, Vitals: vitals, VitalsAt: DateTimeOffset.UtcNow, News2: news2, Version: 0,
            WindowSamples: 120, Qsofa: QsofaCalculator.Score(vitals), ShockIndex: ShockIndex.Compute(vitals),
            Applicability: News2Applicability.Evaluate(null), OpenAlerts: ImmutableArray<Emergency.Domain.Alerts.Alert>.Empty)).ToArray();
    }

    [Benchmark]
    public void PatientChanged()
    {
        var i = _next++ % Patients;
        _push.PatientChanged(_snapshots[i] with { Version = ++_version });
    }

    [Benchmark]
    public int DtoAndJson() => JsonSerializer.SerializeToUtf8Bytes(PatientStateDto.From(_snapshots[_next++ % Patients]), JsonSerializerOptions.Web).Length;
}
