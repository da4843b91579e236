using Emergency.Ingest.Decoding;
using Microsoft.AspNetCore.SignalR;

namespace Emergency.Dashboard.Live;

/// <summary>
/// <c>/hubs/live</c>. Clients choose what to watch; the server pushes <c>patientUpdated</c> to the matching groups.
/// </summary>
public sealed class LiveHub : Hub
{
    public static string RegionGroup(string region) => "region:" + region;
    public static string PatientGroup(string patientId) => "patient:" + patientId;

    public Task WatchRegion(string region) => Groups.AddToGroupAsync(Context.ConnectionId, RegionGroup(Checked(region, "region")));
    public Task UnwatchRegion(string region) => Groups.RemoveFromGroupAsync(Context.ConnectionId, RegionGroup(Checked(region, "region")));
    public Task WatchPatient(string patientId) => Groups.AddToGroupAsync(Context.ConnectionId, PatientGroup(Checked(patientId, "patientId")));
    public Task UnwatchPatient(string patientId) => Groups.RemoveFromGroupAsync(Context.ConnectionId, PatientGroup(Checked(patientId, "patientId")));

    private static string Checked(string? id, string what) =>
        id is not null && DeviceIds.IsValid(id)
            ? id
            : throw new HubException($"{what}: 1–64 characters of A-Z a-z 0-9 - _ .");
}
