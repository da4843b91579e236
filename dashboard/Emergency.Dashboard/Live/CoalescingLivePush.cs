using System.Collections.Concurrent;
using System.Threading.Channels;
using Emergency.Dashboard.Api;
using Emergency.Domain.Alerts;
using Emergency.Grains.Hospitals;
using Emergency.Grains.Devices;
using Emergency.Grains.Live;
using Emergency.Grains.Patients;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;

namespace Emergency.Dashboard.Live;

/// <summary>
/// Receives patient changes from grains and pushes them to SignalR groups, at most one push per patient per
/// <see cref="LivePushOptions.MinInterval"/>, always the newest state. Grains only write into a dictionary and
/// signal; sending happens on this service's own loop, so a slow browser never holds up a grain. Alert events are
/// never coalesced: each goes out at once, in order, on its own loop; so do hospital changes (<c>hospitalUpdated</c>)
/// and destination decisions (<c>patientInbound</c>), on a third loop, with patient changes someone acted on
/// (<see cref="PatientChangedAtOnce"/>).
/// </summary>
public sealed class CoalescingLivePush(
    IHubContext<LiveHub> hub,
    TimeProvider time,
    IOptions<LivePushOptions> options,
    ILogger<CoalescingLivePush> logger) : BackgroundService, ILivePushSink
{
    private readonly TimeSpan _interval = options.Value.MinInterval;
    private readonly ConcurrentDictionary<string, Slot> _slots = new(StringComparer.Ordinal);
    private readonly Channel<string> _due = Channel.CreateUnbounded<string>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Channel<(AlertEvent Event, string Region)> _alerts =
        Channel.CreateUnbounded<(AlertEvent, string)>(new UnboundedChannelOptions { SingleReader = true });

    private readonly Channel<(string Method, string[] Groups, object Payload, string Subject)> _hospitals =
        Channel.CreateUnbounded<(string, string[], object, string)>(new UnboundedChannelOptions { SingleReader = true });

    public void AlertChanged(AlertEvent alertEvent, string region) => _alerts.Writer.TryWrite((alertEvent, region));

    public void HospitalChanged(HospitalState state) => _hospitals.Writer.TryWrite((
        "hospitalUpdated",
        [LiveHub.RegionGroup(state.Hospital.Region), LiveHub.HospitalGroup(state.Hospital.HospitalId)],
        HospitalDto.From(state),
        state.Hospital.HospitalId));

    public void AmbulanceChanged(AmbulanceSnapshot snapshot) => _hospitals.Writer.TryWrite((
        "ambulanceUpdated", [LiveHub.RegionGroup(snapshot.Region), LiveHub.UnitGroup(snapshot.UnitId)], AmbulanceDto.From(snapshot), snapshot.UnitId));

    public void PatientInbound(PatientSnapshot snapshot)
    {
        if (snapshot.Destination is { } destination)
        {
            _hospitals.Writer.TryWrite((
                "patientInbound", [LiveHub.HospitalGroup(destination.HospitalId)], PatientStateDto.From(snapshot), destination.HospitalId));
        }
    }

    public void PatientChangedAtOnce(PatientSnapshot snapshot)
    {
        // Whatever waits in the coalescing slot is older: sending it after this one would only be dropped by clients.
        if (_slots.TryGetValue(snapshot.PatientId, out var slot))
        {
            lock (slot)
            {
                if (slot.Pending is { } pending && pending.Version <= snapshot.Version)
                {
                    slot.Pending = null;
                }
            }
        }
        string[] groups = snapshot.Destination is { } destination
            ? [LiveHub.RegionGroup(snapshot.Region), LiveHub.PatientGroup(snapshot.PatientId), LiveHub.HospitalGroup(destination.HospitalId)]
            : [LiveHub.RegionGroup(snapshot.Region), LiveHub.PatientGroup(snapshot.PatientId)];
        _hospitals.Writer.TryWrite(("patientUpdated", groups, PatientStateDto.From(snapshot), snapshot.PatientId));
    }

    /// <summary>The hub event for each alert event kind: <c>alertRaised</c>, <c>alertEscalated</c>, …</summary>
    public static string HubMethod(AlertEventKind kind) => kind switch
    {
        AlertEventKind.Raised => "alertRaised",
        AlertEventKind.Escalated => "alertEscalated",
        AlertEventKind.Acknowledged => "alertAcknowledged",
        AlertEventKind.Updated => "alertUpdated",
        _ => "alertCleared",
    };

    public void PatientChanged(PatientSnapshot snapshot)
    {
        var slot = _slots.GetOrAdd(snapshot.PatientId, static _ => new Slot());
        bool signal;
        lock (slot)
        {
            if (slot.Pending is { } pending && pending.Version >= snapshot.Version)
            {
                return;
            }
            slot.Pending = snapshot;
            signal = !slot.Queued;
            slot.Queued = true;
        }
        if (signal)
        {
            _due.Writer.TryWrite(snapshot.PatientId);
        }
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(PushPatients(stoppingToken), PushAlerts(stoppingToken), PushHospitals(stoppingToken));

    private async Task PushHospitals(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var (method, groups, payload, subject) in _hospitals.Reader.ReadAllAsync(stoppingToken))
            {
                try
                {
                    await hub.Clients.Groups(groups).SendAsync(method, payload, stoppingToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    logger.LogError(ex, "Push of {Method} for {Subject} failed", method, subject);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task PushAlerts(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var (alertEvent, region) in _alerts.Reader.ReadAllAsync(stoppingToken))
            {
                var alert = alertEvent.Alert;
                var groups = new[] { LiveHub.RegionGroup(region), LiveHub.PatientGroup(alert.PatientId) };
                try
                {
                    // Awaited so events of one alert keep their order; a send only writes to connection buffers.
                    await hub.Clients.Groups(groups).SendAsync(HubMethod(alertEvent.Kind), AlertDto.From(alert), stoppingToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    logger.LogError(ex, "Push of {Event} for alert {AlertId} failed", alertEvent.Kind, alert.AlertId);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task PushPatients(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var patientId in _due.Reader.ReadAllAsync(stoppingToken))
            {
                var slot = _slots[patientId];
                var wait = slot.LastSent + _interval - time.GetUtcNow();
                if (wait > TimeSpan.Zero)
                {
                    // Trailing edge: come back when the window ends; the newest state is sent then.
                    _ = Requeue(patientId, wait, stoppingToken);
                    continue;
                }
                PatientSnapshot? snapshot;
                lock (slot)
                {
                    snapshot = slot.Pending;
                    slot.Pending = null;
                    slot.Queued = false;
                    slot.LastSent = time.GetUtcNow();
                }
                if (snapshot is not null)
                {
                    Send(snapshot);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task Requeue(string patientId, TimeSpan wait, CancellationToken ct)
    {
        try
        {
            await Task.Delay(wait, time, ct);
            _due.Writer.TryWrite(patientId);
        }
        catch (OperationCanceledException)
        {
        }
    }

    private void Send(PatientSnapshot snapshot)
    {
        var dto = PatientStateDto.From(snapshot);
        // A connection watching both the region and the patient gets two copies; clients drop repeats by version.
        var groups = new[] { LiveHub.RegionGroup(snapshot.Region), LiveHub.PatientGroup(snapshot.PatientId) };
        hub.Clients.Groups(groups).SendAsync("patientUpdated", dto).ContinueWith(
            t => logger.LogWarning(t.Exception, "Push of patient {PatientId} failed", snapshot.PatientId),
            CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
    }

    private sealed class Slot
    {
        public PatientSnapshot? Pending;
        public bool Queued;
        public DateTimeOffset LastSent = DateTimeOffset.MinValue;
    }
}
