using System.Collections.Immutable;
using Emergency.Domain.Hospitals;

namespace Emergency.Grains.Hospitals;

/// <summary>
/// A receiving hospital, keyed by hospital id: its record (seeded from the region file), capacity reports and the
/// ambulances heading there.
/// </summary>
[Alias("Emergency.IHospitalGrain")]
public interface IHospitalGrain : IGrainWithStringKey
{
    /// <summary>
    /// Sets the hospital's record at start-up. Capabilities, name and place come from the record; a capacity report
    /// already received since is kept.
    /// </summary>
    [Alias("Seed")]
    Task Seed(Hospital hospital);

    /// <summary>The hospital as of now (staleness applied), or null if it was never seeded.</summary>
    [Alias("GetState")]
    Task<HospitalState?> GetState();

    /// <summary>
    /// Records a capacity report by <paramref name="updatedBy"/> if <see cref="CapacityValidator"/> accepts it, and
    /// pushes the new state at once. The answer holds the errors (each naming its field), or the new state.
    /// </summary>
    [Alias("ReportCapacity")]
    Task<CapacityReportResult> ReportCapacity(HospitalCapacity? capacity, EdStatus? status, string updatedBy);

    /// <summary>
    /// Adds or replaces the inbound entry of <see cref="Destination.UnitId"/>. An entry with a
    /// <see cref="Destination.ResusHoldUntil"/> soft-holds a resuscitation bay until the unit arrives, the trip is
    /// cancelled, or that time passes (the unit moves it with each new ETA); a hold starting or ending is pushed as a
    /// hospital change.
    /// </summary>
    [Alias("SetInbound")]
    Task<HospitalState> SetInbound(Destination destination);

    /// <summary>Drops the inbound entry of a unit that goes elsewhere (or nowhere), ending its hold.</summary>
    [Alias("RemoveInbound")]
    Task RemoveInbound(string unitId);

    /// <summary>
    /// The unit arrived at <paramref name="at"/>: its entry moves from the inbound to the arrived list (kept for
    /// <c>Hospitals:ArrivedListTime</c>) and its hold ends. Answers the arrived entry, or null if the unit was not
    /// inbound here.
    /// </summary>
    [Alias("MarkArrived")]
    Task<Destination?> MarkArrived(string unitId, DateTimeOffset at);
}

/// <summary>
/// A hospital as the API shows it: the record, whether its capacity report is stale, who is inbound (soonest
/// first), who arrived recently (latest first), and how many resuscitation bays are soft-held for inbound patients.
/// </summary>
[GenerateSerializer, Immutable, Alias("Emergency.HospitalState")]
public sealed record HospitalState(
    [property: Id(0)] Hospital Hospital,
    [property: Id(1)] bool Stale,
    [property: Id(2)] ImmutableArray<Destination> Inbound,
    [property: Id(3)] ImmutableArray<Destination> Arrived = default,
    [property: Id(4)] int ResusBaysHeld = 0)
{
    /// <summary>Resuscitation bays held for inbound patients other than <paramref name="patientId"/>.</summary>
    public int ResusBaysHeldForOthers(string? patientId) =>
        Inbound.IsDefault ? 0 : Inbound.Count(d => d.ResusHoldUntil is not null && d.PatientId != patientId);
}

/// <summary>The answer to a capacity report: the errors, or (when there are none) the new state.</summary>
[GenerateSerializer, Immutable, Alias("Emergency.CapacityReportResult")]
public sealed record CapacityReportResult(
    [property: Id(0)] ImmutableArray<string> Errors,
    [property: Id(1)] HospitalState? State);
