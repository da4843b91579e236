using Emergency.Domain.Geo;

namespace Emergency.Domain.Dispatch;

/// <summary>
/// Arrival detected from position: a unit is at its destination once a GPS fix lies within a radius of the
/// hospital's emergency department entrance (the region file's coordinates).
/// </summary>
/// <remarks>
/// The default of 100 m covers the ambulance bay of a large site and the error of a consumer GPS fix in a city
/// (typically 5–20 m in the open, tens of metres between tall buildings), while a unit passing on the road outside
/// a hospital usually stays farther than that. A site with a long approach sets its own radius; the crew's
/// <c>at-hospital</c> status ends the trip as well, whichever comes first.
/// </remarks>
public static class ArrivalGeofence
{
    /// <summary>Default arrival radius, in metres.</summary>
    public const double DefaultRadiusMetres = 100;

    /// <summary>
    /// Whether <paramref name="unit"/> is within <paramref name="radiusMetres"/> of <paramref name="hospital"/>
    /// (the edge counts as inside). False when either point is invalid or the radius is not positive.
    /// </summary>
    public static bool HasArrived(GeoPoint unit, GeoPoint hospital, double radiusMetres)
    {
        if (!unit.IsValid || !hospital.IsValid || !(radiusMetres > 0))
        {
            return false;
        }
        return GreatCircle.DistanceKm(unit, hospital) * 1000 <= radiusMetres;
    }
}
