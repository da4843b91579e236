using Emergency.Dashboard.Api;
using Emergency.Dashboard.Security;
using Emergency.Domain.Alerts;
using Emergency.Domain.Patients;
using Emergency.Grains.Patients;
using Emergency.Ingest.Decoding;
using Microsoft.AspNetCore.SignalR;

namespace Emergency.Dashboard.Live;

/// <summary>
/// <c>/hubs/live</c>. Clients choose what to watch; the server pushes <c>patientUpdated</c>, alert events,
/// <c>hospitalUpdated</c> and <c>patientInbound</c> to the matching groups. Clients may also act: acknowledge an
/// alert, confirm the ED has seen an inbound patient. Every <c>Watch…</c> and action is judged by
/// <see cref="AccessRules"/> and audited; a refusal fails the call with <c>forbidden: …</c>.
/// </summary>
public sealed class LiveHub(IGrainFactory grains, AccessGuard guard) : Hub
{
    public static string RegionGroup(string region) => "region:" + region;
    public static string PatientGroup(string patientId) => "patient:" + patientId;
    public static string HospitalGroup(string hospitalId) => "hospital:" + hospitalId;
    public static string UnitGroup(string unitId) => "unit:" + unitId;

    /// <summary>Every patient, alert, ambulance and hospital of a region: its dispatchers.</summary>
    public async Task WatchRegion(string region)
    {
        Checked(region, "region");
        await guard.DemandAsync(Context, "watch region", new AuditSubject { Region = region },
            user => Task.FromResult(AccessRules.MaySeeRegion(user, region)));
        await Groups.AddToGroupAsync(Context.ConnectionId, RegionGroup(region));
    }

    public async Task WatchPatient(string patientId)
    {
        Checked(patientId, "patientId");
        await guard.DemandPatientAsync(Context, "watch patient", patientId, AccessRules.MaySeePatient);
        await Groups.AddToGroupAsync(Context.ConnectionId, PatientGroup(patientId));
    }

    /// <summary>
    /// The patient's live ECG as a stream (cancel it to stop watching), for whoever may see the patient. Only the
    /// strip's viewers get blocks; a slow one loses its own oldest (<see cref="EcgLiveFanout"/>).
    /// </summary>
    public async IAsyncEnumerable<EcgLiveBlock> WatchEcg(string patientId, EcgLiveFanout fanout,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        Checked(patientId, "patientId");
        await guard.DemandPatientAsync(Context, "watch ecg", patientId, AccessRules.MaySeePatient);
        using var viewer = fanout.Watch(patientId);
        await foreach (var block in viewer.ReadAllAsync(cancellationToken))
        {
            yield return block;
        }
    }

    /// <summary>A hospital and its inbound patients: its ED staff and the dispatchers of its region.</summary>
    public async Task WatchHospital(string hospitalId)
    {
        Checked(hospitalId, "hospitalId");
        await guard.DemandAsync(Context, "watch hospital", new AuditSubject { HospitalId = hospitalId }, async user =>
            user.IsAdmin || (await guard.HospitalRegionAsync(hospitalId) is { } region && AccessRules.MaySeeHospitalPatients(user, hospitalId, region)));
        await Groups.AddToGroupAsync(Context.ConnectionId, HospitalGroup(hospitalId));
    }

    /// <summary>One ambulance's updates (<c>ambulanceUpdated</c>): its crew and the dispatchers of its region.</summary>
    public async Task WatchUnit(string unitId)
    {
        Checked(unitId, "unitId");
        await guard.DemandAsync(Context, "watch unit", new AuditSubject { UnitId = unitId }, async user =>
            user.IsAdmin || (await guard.UnitRegionAsync(unitId) is { } region && AccessRules.MaySeeUnit(user, unitId, region)));
        await Groups.AddToGroupAsync(Context.ConnectionId, UnitGroup(unitId));
    }

    // Leaving a group reveals nothing: any signed-in connection may.
    public Task UnwatchRegion(string region) => Groups.RemoveFromGroupAsync(Context.ConnectionId, RegionGroup(Checked(region, "region")));
    public Task UnwatchPatient(string patientId) => Groups.RemoveFromGroupAsync(Context.ConnectionId, PatientGroup(Checked(patientId, "patientId")));
    public Task UnwatchHospital(string hospitalId) => Groups.RemoveFromGroupAsync(Context.ConnectionId, HospitalGroup(Checked(hospitalId, "hospitalId")));
    public Task UnwatchUnit(string unitId) => Groups.RemoveFromGroupAsync(Context.ConnectionId, UnitGroup(Checked(unitId, "unitId")));

    /// <summary>Acknowledges an alert for <paramref name="by"/>; answers the alert, or fails with the reason.</summary>
    public async Task<AlertDto> AcknowledgeAlert(string patientId, string alertId, string by)
    {
        if (string.IsNullOrWhiteSpace(by) || by.Length > 100)
        {
            throw new HubException("by: the name of the person acknowledging, 1–100 characters");
        }
        await guard.DemandPatientAsync(Context, "acknowledge alert", Checked(patientId, "patientId"), AccessRules.MaySeePatient);
        var grain = grains.GetGrain<IPatientGrain>(patientId);
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
        await guard.DemandPatientAsync(Context, "mark seen", Checked(patientId, "patientId"), AccessRules.MayActAsReceivingEd);
        var answer = await grains.GetGrain<IPatientGrain>(patientId).MarkSeen(name, hospitalId: null);
        return answer is { Status: EdSeenStatus.Ok or EdSeenStatus.AlreadySeen, State: { } state }
            ? PatientStateDto.From(state)
            : throw new HubException(answer.Error ?? $"cannot mark {patientId} seen: {answer.Status}");
    }

    private static string Checked(string? id, string what) =>
        id is not null && DeviceIds.IsValid(id)
            ? id
            : throw new HubException($"{what}: 1–64 characters of A-Z a-z 0-9 - _ .");
}
