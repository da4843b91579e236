namespace Emergency.Domain.Geo;

/// <summary>Great-circle (as-the-crow-flies) distance on a spherical Earth.</summary>
/// <remarks>
/// <para>
/// Haversine formula (R. W. Sinnott, "Virtues of the Haversine", Sky and Telescope 68(2):159, 1984), which stays
/// accurate for small distances where the spherical law of cosines loses precision.
/// </para>
/// <para>
/// Radius: the IUGG mean Earth radius R₁ = 6371.0088 km (H. Moritz, "Geodetic Reference System 1980",
/// Journal of Geodesy 74:128–133, 2000). Against the WGS-84 ellipsoid the spherical model errs by at most
/// about 0.5 %, far below the uncertainty of any road-time estimate built on it.
/// </para>
/// <para>
/// Antimeridian-safe: the longitude difference enters only through sin²(Δλ/2), which is periodic, so
/// 179.5° E to 179.5° W is 1° of longitude, not 359°.
/// </para>
/// </remarks>
public static class GreatCircle
{
    /// <summary>IUGG mean Earth radius R₁, in kilometres.</summary>
    public const double EarthMeanRadiusKm = 6371.0088;

    /// <summary>Great-circle distance between two points, in kilometres; 0 for the same point.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Either point is not <see cref="GeoPoint.IsValid"/>.</exception>
    public static double DistanceKm(GeoPoint from, GeoPoint to)
    {
        if (!from.IsValid)
        {
            throw new ArgumentOutOfRangeException(nameof(from), from, "lat must be -90..90 and lon -180..180");
        }

        if (!to.IsValid)
        {
            throw new ArgumentOutOfRangeException(nameof(to), to, "lat must be -90..90 and lon -180..180");
        }

        double phi1 = DegreesToRadians(from.Lat);
        double phi2 = DegreesToRadians(to.Lat);
        double dPhi = phi2 - phi1;
        double dLambda = DegreesToRadians(to.Lon - from.Lon);

        double sinHalfDPhi = Math.Sin(dPhi / 2);
        double sinHalfDLambda = Math.Sin(dLambda / 2);
        double h = sinHalfDPhi * sinHalfDPhi + Math.Cos(phi1) * Math.Cos(phi2) * sinHalfDLambda * sinHalfDLambda;

        // Rounding can push h a hair above 1 for antipodal points; asin would then return NaN.
        h = Math.Clamp(h, 0, 1);
        return 2 * EarthMeanRadiusKm * Math.Asin(Math.Sqrt(h));
    }

    private static double DegreesToRadians(double degrees) => degrees * (Math.PI / 180);
}
