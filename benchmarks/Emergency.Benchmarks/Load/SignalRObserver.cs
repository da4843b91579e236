using System.Diagnostics;
using Microsoft.AspNetCore.SignalR.Client;

namespace Emergency.Benchmarks.Load;

/// <summary>
/// A board's SignalR client watching the load region: each <c>patientUpdated</c> names the newest frame the patient
/// has applied (<c>vitals.ts</c>), which the harness matches to its publish time. Pushes are coalesced per patient,
/// so not every frame is pushed; the check is that each patient's last push carries its last frame.
/// </summary>
public sealed class SignalRObserver(Uri baseAddress, string region, string? token) : IDeliveryObserver
{
    private HubConnection? _hub;

    public string What => "publish → SignalR patientUpdated";

    public bool EveryFrame => false;

    public async Task StartAsync(IReadOnlyDictionary<string, LoadDevice> byPatient, Func<LoadCounters> phase, CancellationToken ct)
    {
        _hub = new HubConnectionBuilder().WithUrl(new Uri(baseAddress, "/hubs/live"),
            o => o.AccessTokenProvider = () => Task.FromResult(token)).Build();
        _hub.On<PushedPatient>("patientUpdated", pushed =>
        {
            var at = Stopwatch.GetTimestamp();
            if (pushed.Vitals?.Ts is not { } ts || !byPatient.TryGetValue(pushed.PatientId, out var device)) return;
            var tsMs = ts.ToUnixTimeMilliseconds();
            device.Delivered(tsMs);
            var counters = phase();
            counters.CountDelivered();
            if (device.PublishedAt(tsMs) is { } sent)
            {
                counters.Delivery.Record(Stopwatch.GetElapsedTime(sent, at));
            }
        });
        await _hub.StartAsync(ct);
        await _hub.InvokeAsync("WatchRegion", region, ct);
    }

    public async ValueTask DisposeAsync()
    {
        if (_hub is not null) await _hub.DisposeAsync();
    }

    /// <summary>The part of the contract's patient state the harness reads.</summary>
    public sealed record PushedPatient(string PatientId, PushedVitals? Vitals);

    public sealed record PushedVitals(DateTimeOffset? Ts);
}
