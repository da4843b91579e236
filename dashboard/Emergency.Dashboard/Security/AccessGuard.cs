using Emergency.Domain.Devices;
using Emergency.Grains.Devices;
using Emergency.Grains.Hospitals;
using Emergency.Grains.Patients;
using Microsoft.AspNetCore.SignalR;

namespace Emergency.Dashboard.Security;

/// <summary>
/// Looks up what the access rules need (a patient's region, units and hospital; a hospital's or a unit's region) and
/// writes the audit entry of every decision: allowed accesses before they are answered, refusals as they happen.
/// </summary>
public sealed class AccessGuard(IGrainFactory grains, AuditLog audit, SecurityMetrics metrics, TimeProvider time, ILogger<AccessGuard> logger)
{
    public static PatientScope ScopeOf(PatientSnapshot patient)
    {
        var units = new List<string>(2);
        if (patient.Source.Kind == DeviceKind.Ambulance) units.Add(patient.Source.Id);
        if (patient.Destination?.UnitId is { } unit && !units.Contains(unit)) units.Add(unit);
        return new PatientScope(patient.Region, units, patient.Destination?.HospitalId);
    }

    public async Task<PatientScope?> PatientAsync(string patientId) =>
        await grains.GetGrain<IPatientGrain>(patientId).GetState() is { } state ? ScopeOf(state) : null;

    public async Task<string?> HospitalRegionAsync(string hospitalId) =>
        (await grains.GetGrain<IHospitalGrain>(hospitalId).GetState())?.Hospital.Region;

    public async Task<string?> UnitRegionAsync(string unitId) =>
        (await grains.GetGrain<IAmbulanceGrain>(unitId).GetState())?.Region;

    public AuditEntry Entry(HttpContext? http, UserAccess? user, string action, AuditSubject subject, string outcome, int? status, string? target) => new(
        time.GetUtcNow(), user?.Name, user?.Role.ToCode(), action, subject.PatientId, subject.HospitalId, subject.UnitId, subject.Region,
        target, http?.Connection.RemoteIpAddress?.ToString(), http?.Request.Headers.UserAgent.ToString(), outcome, status);

    /// <summary>Records an allowed access; false when the log could not take it (the access must then be refused).</summary>
    public async Task<bool> TryRecordAsync(IReadOnlyCollection<AuditEntry> entries)
    {
        try
        {
            await audit.AppendAsync(entries);
            return true;
        }
        catch (Exception ex)
        {
            metrics.AuditFailed();
            logger.LogError(ex, "Audit log write failed: {Count} access(es) refused", entries.Count);
            return false;
        }
    }

    /// <summary>Records a refusal; a failure to do so is counted and logged but changes nothing (the access is refused anyway).</summary>
    public async Task RecordRefusalAsync(AuditEntry entry)
    {
        metrics.AccessRefused(entry.Status ?? 403);
        await TryRecordAsync([entry]);
    }

    /// <summary>
    /// For a hub method: the caller must be signed in and <paramref name="allows"/> must hold; the access is audited.
    /// Throws a <see cref="HubException"/> naming the refusal otherwise.
    /// </summary>
    public async Task DemandAsync(HubCallerContext caller, string action, AuditSubject subject, Func<UserAccess, Task<bool>> allows)
    {
        var http = caller.GetHttpContext();
        var user = UserAccess.From(caller.User);
        var target = "hub " + action;
        if (user is null)
        {
            await RecordRefusalAsync(Entry(http, null, action, subject, "refused", 401, target));
            throw new HubException("unauthorized: sign in first");
        }
        if (!await allows(user))
        {
            await RecordRefusalAsync(Entry(http, user, action, subject, "refused", 403, target));
            throw new HubException($"forbidden: {user.Name} ({user.Role.ToCode()}) may not {action}");
        }
        if (!await TryRecordAsync([Entry(http, user, action, subject, "allowed", null, target)]))
        {
            throw new HubException("unavailable: the audit log cannot record this access; try again");
        }
    }

    /// <summary><see cref="DemandAsync"/> for a patient: unknown patients are visible to administrators only.</summary>
    public Task DemandPatientAsync(HubCallerContext caller, string action, string patientId, Func<UserAccess, PatientScope, bool> rule) =>
        DemandAsync(caller, action, new AuditSubject { PatientId = patientId }, async user =>
            user.IsAdmin || (await PatientAsync(patientId) is { } scope && rule(user, scope)));
}
