using Emergency.Handover.Api;
using Emergency.Handover.Delivery;
using Microsoft.AspNetCore.SignalR;

namespace Emergency.Dashboard.Live;

/// <summary>Pushes <c>handoverUpdated(status)</c> to the patient's watchers, its region and the destination hospital's board.</summary>
public sealed class HandoverHubNotifier(IHubContext<LiveHub> hub, ILogger<HandoverHubNotifier> logger) : IHandoverNotifier
{
    public void Updated(HandoverStatus status)
    {
        var groups = new List<string> { LiveHub.PatientGroup(status.PatientId) };
        if (status.Region is { } region) groups.Add(LiveHub.RegionGroup(region));
        if (status.HospitalId is { } hospitalId) groups.Add(LiveHub.HospitalGroup(hospitalId));
        hub.Clients.Groups(groups).SendAsync("handoverUpdated", HandoverStatusDto.From(status)).ContinueWith(
            t => logger.LogWarning(t.Exception, "handoverUpdated push for {PatientId} failed", status.PatientId),
            TaskContinuationOptions.OnlyOnFaulted);
    }
}
