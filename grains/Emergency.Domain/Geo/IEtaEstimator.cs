namespace Emergency.Domain.Geo;

/// <summary>
/// Estimates how long an ambulance takes from one point to another. <see cref="EtaModel"/> is the built-in,
/// distance-based estimate; a routing engine (road graph, live traffic) can replace it behind this interface.
/// </summary>
/// <remarks>
/// Implementations must be deterministic for the same inputs and must not read the clock: the departure time
/// is passed in. A routing engine that answers asynchronously (an HTTP matrix service) is better queried once for
/// all destinations up front, with the results handed to
/// <c>DestinationRanker.Rank(PatientNeeds, IEnumerable&lt;HospitalEta&gt;, DateTimeOffset)</c>.
/// </remarks>
public interface IEtaEstimator
{
    /// <summary>
    /// Time from <paramref name="from"/> to <paramref name="to"/> for a unit leaving at <paramref name="departure"/>,
    /// including any fixed allowance the implementation adds (see <see cref="EtaOptions.HandoverAllowance"/>);
    /// null when no route is known (the destination is then treated as out of reach).
    /// </summary>
    TimeSpan? Estimate(GeoPoint from, GeoPoint to, DateTimeOffset departure);
}
