using Emergency.Domain.Ambulances;

namespace Emergency.Domain.Dispatch;

/// <summary>
/// Which crew status changes are valid, and the patient rule. Used to refuse a nonsensical status frame or API call
/// with a message, rather than to guess what the crew meant.
/// </summary>
/// <remarks>
/// <para>The main cycle: available → dispatched → on-scene → transporting → at-hospital → available.</para>
/// <para>Decisions beyond the cycle (rows: from; columns: to; ✓ allowed):</para>
/// <code>
///                 avail  disp  scene  transp  at-hosp  out-of-svc
///   available       ✓     ✓     ✓       ·       ·        ✓
///   dispatched      ✓     ✓     ✓       ·       ·        ✓
///   on-scene        ✓     ·     ✓       ✓       ·        ✓
///   transporting    ·     ·     ·       ✓       ✓        ✓
///   at-hospital     ✓     ·     ·       ✓       ✓        ✓
///   out-of-service  ✓     ✓     ✓       ✓       ✓        ✓
/// </code>
/// <list type="bullet">
/// <item>Same status again is allowed: devices repeat frames, and dispatched → dispatched is a re-tasking.</item>
/// <item>out-of-service from and to any status (breakdown, crew change, back in service).</item>
/// <item>dispatched → available: stood down / call cancelled.</item>
/// <item>available → on-scene: flagged down or came upon an incident without a dispatch.</item>
/// <item>on-scene → available: treated on scene, no conveyance.</item>
/// <item>at-hospital → transporting: refused at the door or sent on to another hospital with the same patient.</item>
/// <item>Not allowed: transporting → available (a patient on board is handed over at a hospital, or the unit goes
/// out of service and another takes over); on-scene or at-hospital → dispatched (the unit clears to available first,
/// so "available" stays the single point where a unit is free on the board); reaching transporting or at-hospital
/// without having been on scene or transporting.</item>
/// </list>
/// <para>Transporting requires a patient id (the patient on board), including a repeated transporting frame.</para>
/// </remarks>
public static class AmbulanceStatusRules
{
    private static readonly AmbulanceStatus[] All =
    [
        AmbulanceStatus.Available, AmbulanceStatus.Dispatched, AmbulanceStatus.OnScene,
        AmbulanceStatus.Transporting, AmbulanceStatus.AtHospital, AmbulanceStatus.OutOfService,
    ];

    /// <summary>Whether the change <paramref name="from"/> → <paramref name="to"/> is allowed (ignoring the patient rule).</summary>
    public static bool IsAllowed(AmbulanceStatus from, AmbulanceStatus to)
    {
        if (!Enum.IsDefined(from) || !Enum.IsDefined(to))
        {
            return false;
        }

        if (from == to || from == AmbulanceStatus.OutOfService || to == AmbulanceStatus.OutOfService)
        {
            return true;
        }

        return (from, to) switch
        {
            (AmbulanceStatus.Available, AmbulanceStatus.Dispatched) => true,
            (AmbulanceStatus.Available, AmbulanceStatus.OnScene) => true,
            (AmbulanceStatus.Dispatched, AmbulanceStatus.Available) => true,
            (AmbulanceStatus.Dispatched, AmbulanceStatus.OnScene) => true,
            (AmbulanceStatus.OnScene, AmbulanceStatus.Available) => true,
            (AmbulanceStatus.OnScene, AmbulanceStatus.Transporting) => true,
            (AmbulanceStatus.Transporting, AmbulanceStatus.AtHospital) => true,
            (AmbulanceStatus.AtHospital, AmbulanceStatus.Available) => true,
            (AmbulanceStatus.AtHospital, AmbulanceStatus.Transporting) => true,
            _ => false,
        };
    }

    /// <summary>The statuses allowed after <paramref name="from"/>, in enum order (including <paramref name="from"/> itself).</summary>
    public static IReadOnlyList<AmbulanceStatus> AllowedNext(AmbulanceStatus from) =>
        Array.FindAll(All, to => IsAllowed(from, to));

    /// <summary>
    /// Null when the change is valid; otherwise why not, e.g.
    /// <c>cannot go from available to transporting (allowed: available, dispatched, on-scene, out-of-service)</c> or
    /// <c>transporting requires a patientId</c>.
    /// </summary>
    public static string? Validate(AmbulanceStatus from, AmbulanceStatus to, string? patientId)
    {
        if (!Enum.IsDefined(from))
        {
            return $"unknown current status {(byte)from}";
        }

        if (!Enum.IsDefined(to))
        {
            return $"unknown status {(byte)to}";
        }

        if (!IsAllowed(from, to))
        {
            var allowed = string.Join(", ", AllowedNext(from).Select(s => s.ToCode()));
            return $"cannot go from {from.ToCode()} to {to.ToCode()} (allowed: {allowed})";
        }

        if (to == AmbulanceStatus.Transporting && string.IsNullOrWhiteSpace(patientId))
        {
            return "transporting requires a patientId";
        }

        return null;
    }
}
