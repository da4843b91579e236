using Emergency.Domain.Hospitals;

namespace Emergency.Domain.Dispatch;

/// <summary>
/// Soft holds of resuscitation bays for inbound patients who need one (<see cref="CareRequirements.ResusBay"/>:
/// major trauma, NEWS2 high). A hold is a courtesy to the receiving ED and to other dispatchers, not a booking: the
/// hospital's own report of free bays stays what it reported, and a hold only lowers what the ranking offers to
/// <em>other</em> patients.
/// </summary>
/// <remarks>
/// <para>
/// A hold ends when the unit arrives (position or crew status), when the trip is cancelled (another destination,
/// the unit free again), or when it times out: <see cref="DefaultGrace"/> after the latest ETA, so a unit that
/// stops reporting or never comes does not keep a bay blocked. Each new ETA moves the time-out with it.
/// </para>
/// <para>
/// Why hold at all: the receiving ED is pre-alerted for such patients so that a team and a bay are ready on
/// arrival (NICE NG39, Major trauma: service delivery, 2016; RCP NEWS2, 2017: a score of 7 or more calls for an
/// emergency response), and a second dispatcher must not be offered the same last bay as free.
/// </para>
/// </remarks>
public static class ResusHoldRules
{
    /// <summary>How long past the latest ETA a hold stays when the unit has not arrived. Default 15 min.</summary>
    public static readonly TimeSpan DefaultGrace = TimeSpan.FromMinutes(15);

    /// <summary>
    /// When a hold taken at <paramref name="decidedAt"/> for a unit expected at <paramref name="etaAt"/> (null while
    /// the unit's position is unknown) times out.
    /// </summary>
    public static DateTimeOffset Until(DateTimeOffset decidedAt, DateTimeOffset? etaAt, TimeSpan grace) =>
        (etaAt is { } eta && eta > decidedAt ? eta : decidedAt) + grace;

    /// <summary>Whether a hold that times out at <paramref name="until"/> still holds at <paramref name="now"/>.</summary>
    public static bool IsActive(DateTimeOffset? until, DateTimeOffset now) => until is { } u && now < u;

    /// <summary>
    /// The capacity the ranking offers a patient when <paramref name="heldForOthers"/> bays are held for other
    /// inbound patients: free resuscitation bays less those holds, never below zero. Everything else as reported.
    /// </summary>
    public static HospitalCapacity OfferedTo(HospitalCapacity reported, int heldForOthers)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(heldForOthers);
        return heldForOthers == 0
            ? reported
            : reported with { ResusBaysFree = Math.Max(0, reported.ResusBaysFree - heldForOthers) };
    }
}
