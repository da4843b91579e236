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

    /// <summary>Adds or replaces the inbound entry of <see cref="Destination.UnitId"/>.</summary>
    [Alias("SetInbound")]
    Task<HospitalState> SetInbound(Destination destination);

    /// <summary>Drops the inbound entry of a unit that goes elsewhere (or nowhere).</summary>
    [Alias("RemoveInbound")]
    Task RemoveInbound(string unitId);
}

/// <summary>A hospital as the API shows it: the record, whether its capacity report is stale, who is inbound.</summary>
[GenerateSerializer, Immutable, Alias("Emergency.HospitalState")]
public sealed record HospitalState(
    [property: Id(0)] Hospital Hospital,
    [property: Id(1)] bool Stale,
    [property: Id(2)] ImmutableArray<Destination> Inbound);

/// <summary>The answer to a capacity report: the errors, or (when there are none) the new state.</summary>
[GenerateSerializer, Immutable, Alias("Emergency.CapacityReportResult")]
public sealed record CapacityReportResult(
    [property: Id(0)] ImmutableArray<string> Errors,
    [property: Id(1)] HospitalState? State);
