using System.Collections.Immutable;
using Emergency.Domain.Scoring;
using Emergency.Domain.Vitals;
using Emergency.Grains.Devices;
using Emergency.Grains.Live;
using Emergency.Grains.Regions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Emergency.Grains.Patients;

/// <summary>
/// One patient. Keeps each vital's latest value with its time, a rolling window, and NEWS2 recomputed on every
/// accepted frame; hands every change to the live push sink (which coalesces per patient).
/// </summary>
public sealed class PatientGrain(
    ILivePushSink push,
    [FromKeyedServices(ClinicalTime.Key)] TimeProvider time,
    IOptions<PatientOptions> options)
    : Grain, IPatientGrain
{
    private readonly PatientOptions _options = options.Value;
    private readonly LatestVitals _latest = new();
    private VitalsWindow? _window;
    private string? _region;
    private DeviceRef _source;
    private long _version;

    private VitalsWindow Window => _window ??= new VitalsWindow(_options.WindowRetention);

    public async Task ApplyVitals(string region, DeviceRef source, ImmutableArray<VitalsFrame> frames)
    {
        var changed = false;
        foreach (var frame in frames)
        {
            Window.Add(frame.Timestamp, frame.Vitals);
            changed |= _latest.Apply(frame.Vitals, frame.Timestamp);
        }

        if (_region != region)
        {
            await MoveToRegion(region);
            changed = true;
        }
        if (!changed)
        {
            return; // late frames only: kept in the window, nothing current moved
        }
        _source = source;
        // Clock-based so it keeps rising across restarts (boards compare versions); +1 keeps it strictly rising.
        _version = Math.Max(_version + 1, time.GetUtcNow().ToUnixTimeMilliseconds());
        push.PatientChanged(Snapshot());
    }

    public Task<PatientSnapshot?> GetState() =>
        Task.FromResult(_region is null ? null : Snapshot());

    private PatientSnapshot Snapshot()
    {
        var now = time.GetUtcNow();
        var news2 = News2Calculator.Score(_latest.Fresh(now, _options.Freshness));
        return new PatientSnapshot(
            PatientId: this.GetPrimaryKeyString(),
            Region: _region!,
            Source: _source,
            UpdatedAt: _latest.NewestAt ?? now,
            Vitals: _latest.Current(),
            VitalsAt: _latest.NewestAt,
            News2: news2,
            Version: _version,
            WindowSamples: Window.Count);
    }

    private async Task MoveToRegion(string region)
    {
        var patientId = this.GetPrimaryKeyString();
        if (_region is not null)
        {
            await GrainFactory.GetGrain<IRegionGrain>(_region).RemovePatient(patientId);
        }
        await GrainFactory.GetGrain<IRegionGrain>(region).AddPatient(patientId);
        _region = region;
    }
}
