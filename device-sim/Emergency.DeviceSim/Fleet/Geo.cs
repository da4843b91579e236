namespace Emergency.DeviceSim.Fleet;

/// <summary>A point in metres east (<see cref="X"/>) and north (<see cref="Y"/>) of the region centre.</summary>
internal readonly record struct LocalPoint(double X, double Y)
{
    public double DistanceTo(LocalPoint other) => Math.Sqrt(Math.Pow(other.X - X, 2) + Math.Pow(other.Y - Y, 2));

    /// <summary>Compass bearing to <paramref name="other"/> in degrees, 0 = north, 90 = east.</summary>
    public double BearingTo(LocalPoint other)
    {
        var degrees = Math.Atan2(other.X - X, other.Y - Y) * 180 / Math.PI;
        return degrees < 0 ? degrees + 360 : degrees;
    }

    public LocalPoint MoveTowards(LocalPoint target, double metres)
    {
        var distance = DistanceTo(target);
        if (distance <= metres || distance == 0)
        {
            return target;
        }

        var f = metres / distance;
        return new LocalPoint(X + (target.X - X) * f, Y + (target.Y - Y) * f);
    }
}

/// <summary>Equirectangular projection around the region centre; accurate to metres over a city.</summary>
internal sealed class RegionMap
{
    private const double MetresPerDegreeLat = 110_574;
    private const double MetresPerDegreeLonAtEquator = 111_320;

    // Receiving hospitals as (km east, km north) of the default centre (31.2304 N, 121.4737 E): central Shanghai's
    // large emergency departments. For another centre they are simply the same pattern around it.
    private static readonly (double EastKm, double NorthKm)[] HospitalOffsetsKm =
    [
        (-0.24, -2.19),
        (-1.88, -3.62),
        (-2.76, -1.59),
        (5.07, -2.28),
        (1.34, 3.13),
        (-4.39, -5.88),
        (4.47, 8.30),
        (-6.20, 2.40),
    ];

    private readonly double _metresPerDegreeLon;

    public RegionMap(double centreLat, double centreLon, double radiusKm)
    {
        CentreLat = centreLat;
        CentreLon = centreLon;
        RadiusMetres = radiusKm * 1000;
        _metresPerDegreeLon = MetresPerDegreeLonAtEquator * Math.Cos(centreLat * Math.PI / 180);
        Hospitals = [.. HospitalOffsetsKm.Select(h => new LocalPoint(h.EastKm * 1000, h.NorthKm * 1000))];
    }

    public double CentreLat { get; }

    public double CentreLon { get; }

    public double RadiusMetres { get; }

    public IReadOnlyList<LocalPoint> Hospitals { get; }

    public (double Lat, double Lon) ToLatLon(LocalPoint p) =>
        (CentreLat + p.Y / MetresPerDegreeLat, CentreLon + p.X / _metresPerDegreeLon);

    public bool Contains(LocalPoint p) => Math.Sqrt(p.X * p.X + p.Y * p.Y) <= RadiusMetres;

    /// <summary>A uniformly random point in the region disc.</summary>
    public LocalPoint RandomPoint(Random random)
    {
        var r = RadiusMetres * Math.Sqrt(random.NextDouble());
        var a = random.NextDouble() * 2 * Math.PI;
        return new LocalPoint(r * Math.Cos(a), r * Math.Sin(a));
    }

    /// <summary>A random point between <paramref name="minMetres"/> and <paramref name="maxMetres"/> from <paramref name="from"/>, inside the region.</summary>
    public LocalPoint RandomPointNear(Random random, LocalPoint from, double minMetres, double maxMetres)
    {
        for (var attempt = 0; attempt < 20; attempt++)
        {
            var r = minMetres + random.NextDouble() * (maxMetres - minMetres);
            var a = random.NextDouble() * 2 * Math.PI;
            var p = new LocalPoint(from.X + r * Math.Cos(a), from.Y + r * Math.Sin(a));
            if (Contains(p))
            {
                return p;
            }
        }

        // Near the edge: head back towards the centre instead.
        return from.MoveTowards(new LocalPoint(0, 0), minMetres);
    }
}
