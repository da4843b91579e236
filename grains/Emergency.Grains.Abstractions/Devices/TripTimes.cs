using Emergency.Domain.Ambulances;

namespace Emergency.Grains.Devices;

/// <summary>
/// When the crew first reported each stage of the current call (the EMS times of a patient care report). A new
/// call starts at <c>dispatched</c>; the times stay after the unit is free again, until its next dispatch.
/// </summary>
[GenerateSerializer, Immutable, Alias("Emergency.TripTimes")]
public sealed record TripTimes(
    [property: Id(0)] DateTimeOffset? Dispatched = null,
    [property: Id(1)] DateTimeOffset? OnScene = null,
    [property: Id(2)] DateTimeOffset? Transporting = null,
    [property: Id(3)] DateTimeOffset? AtHospital = null)
{
    /// <summary>The times after the crew reported <paramref name="status"/> at <paramref name="at"/>; the first report of a stage stands.</summary>
    public TripTimes With(AmbulanceStatus status, DateTimeOffset at) => status switch
    {
        AmbulanceStatus.Dispatched => new TripTimes(Dispatched: at),
        AmbulanceStatus.OnScene => this with { OnScene = OnScene ?? at },
        AmbulanceStatus.Transporting => this with { Transporting = Transporting ?? at },
        AmbulanceStatus.AtHospital => this with { AtHospital = AtHospital ?? at },
        _ => this,
    };
}
