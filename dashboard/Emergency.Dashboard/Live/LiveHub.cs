using Emergency.Dashboard.Api;
using Emergency.Domain.Alerts;
using Emergency.Domain.Patients;
using Emergency.Grains.Patients;
using Emergency.Ingest.Decoding;
using Microsoft.AspNetCore.SignalR;

namespace Emergency.Dashboard.Live;

/// <summary>
/// <c>/hubs/live</c>. Clients choose what to watch; the server pushes <c>patientUpdated</c>, alert events,
/// <c>hospitalUpdated</c> and <c>patientInbound</c> to the matching groups. Clients may also act: acknowledge an
/// alert, confirm the ED has seen an inbound patient.
/// </summary>
public sealed class LiveHub(IGrainFactory grains) : Hub
{
    public static string RegionGroup(string region) => "region:" + region;
    public static string PatientGroup(string patientId) => "patient:" + patientId;
    public static string HospitalGroup(string hospitalId) => "hospital:" + hospitalId;

    public Task WatchRegion(string region) => Groups.AddToGroupAsync(Context.ConnectionId, RegionGroup(Checked(region, "region")));
    public Task UnwatchRegion(string region) => Groups.RemoveFromGroupAsync(Context.ConnectionId, RegionGroup(Checked(region, "region")));
    public Task WatchPatient(string patientId) => Groups.AddToGroupAsync(Context.ConnectionId, PatientGroup(Checked(patientId, "patientId")));
    public Task UnwatchPatient(string patientId) => Groups.RemoveFromGroupAsync(Context.ConnectionId, PatientGroup(Checked(patientId, "patientId")));
    public Task WatchHospital(string hospitalId) => Groups.AddToGroupAsync(Context.ConnectionId, HospitalGroup(Checked(hospitalId, "hospitalId")));
    public Task UnwatchHospital(string hospitalId) => Groups.RemoveFromGroupAsync(Context.ConnectionId, HospitalGroup(Checked(hospitalId, "hospitalId")));

    /// <summary>Acknowledges an alert for <paramref name="by"/>; answers the alert, or fails with the reason.</summary>
    public async Task<AlertDto> AcknowledgeAlert(string patientId, string alertId, string by)
    {
        if (string.IsNullOrWhiteSpace(by) || by.Length > 100)
        {
            throw new HubException("by: the name of the person acknowledging, 1–100 characters");
        }
        var grain = grains.GetGrain<IPatientGrain>(Checked(patientId, "patientId"));
        var ack = await grain.AcknowledgeAlert(alertId, by.Trim());
        return ack is { Status: AlertCommandStatus.Ok or AlertCommandStatus.AlreadyAcknowledged, Alert: { } alert }
            ? AlertDto.From(alert)
            : throw new HubException(ack.Error ?? $"cannot acknowledge {alertId}: {ack.Status}");
    }

    /// <summary>
    /// The destination ED has seen the patient (<c>POST /api/patients/{id}/seen</c> without a hospital): answers the
    /// patient state with <c>edSeen</c>, or fails with the reason naming the field.
    /// </summary>
    public async Task<PatientStateDto> MarkSeen(string patientId, string by)
    {
        if (EdSeenRules.NormaliseBy(by, out var error) is not { } name)
        {
            throw new HubException(error);
        }
        var answer = await grains.GetGrain<IPatientGrain>(Checked(patientId, "patientId")).MarkSeen(name, hospitalId: null);
        return answer is { Status: EdSeenStatus.Ok or EdSeenStatus.AlreadySeen, State: { } state }
            ? PatientStateDto.From(state)
            : throw new HubException(answer.Error ?? $"cannot mark {patientId} seen: {answer.Status}");
    }

    private static string Checked(string? id, string what) =>
        id is not null && DeviceIds.IsValid(id)
            ? id
            : throw new HubException($"{what}: 1–64 characters of A-Z a-z 0-9 - _ .");
}
