using Emergency.Domain.Geo;

namespace Emergency.Domain.Tests.Dispatch;

public class GreatCircleTests
{
    // Reference distances: WGS-84 ellipsoidal geodesic (Vincenty's inverse formula), kilometres.
    // The spherical haversine must agree within 0.5 %.
    [Theory]
    [InlineData("Shanghai–Beijing", 31.2304, 121.4737, 39.9042, 116.4074, 1065.8)]
    [InlineData("Shanghai–Hangzhou", 31.2304, 121.4737, 30.2741, 120.1551, 164.9)]
    [InlineData("London–Paris", 51.5074, -0.1278, 48.8566, 2.3522, 343.9)]
    [InlineData("New York–Los Angeles", 40.7128, -74.0060, 34.0522, -118.2437, 3944.4)]
    [InlineData("Sydney–Melbourne", -33.8688, 151.2093, -37.8136, 144.9631, 713.9)]
    [InlineData("Tokyo–San Francisco (crosses the antimeridian)", 35.6762, 139.6503, 37.7749, -122.4194, 8293.4)]
    [InlineData("Suva–Apia (crosses the antimeridian)", -18.1416, 178.4419, -13.8333, -171.7667, 1151.1)]
    [InlineData("Singapore–Quito (nearly antipodal)", 1.3521, 103.8198, -0.1807, -78.4678, 19743.4)]
    public void KnownCityPairs_WithinHalfAPercent(string pair, double lat1, double lon1, double lat2, double lon2, double geodesicKm)
    {
        double km = GreatCircle.DistanceKm(new GeoPoint(lat1, lon1), new GeoPoint(lat2, lon2));
        Assert.True(Math.Abs(km - geodesicKm) <= geodesicKm * 0.005, $"{pair}: {km:F1} km, expected {geodesicKm} ± 0.5 %");
    }

    [Theory]
    [InlineData(31.2304, 121.4737)]
    [InlineData(0, 0)]
    [InlineData(90, 0)]
    [InlineData(-90, 180)]
    [InlineData(0, -180)]
    public void SamePoint_IsZero(double lat, double lon) =>
        Assert.Equal(0, GreatCircle.DistanceKm(new GeoPoint(lat, lon), new GeoPoint(lat, lon)));

    [Fact]
    public void IsSymmetric()
    {
        var a = new GeoPoint(31.2304, 121.4737);
        var b = new GeoPoint(39.9042, 116.4074);
        Assert.Equal(GreatCircle.DistanceKm(a, b), GreatCircle.DistanceKm(b, a), 9);
    }

    [Fact]
    public void AntimeridianNeighbours_AreOneDegreeApart_NotThreeHundredFiftyNine()
    {
        // 1° of the equator on a sphere of radius 6371.0088 km = 111.195 km
        double km = GreatCircle.DistanceKm(new GeoPoint(0, 179.5), new GeoPoint(0, -179.5));
        Assert.Equal(111.195, km, 2);
    }

    [Fact]
    public void PlusAndMinus180_AreTheSameMeridian() =>
        Assert.Equal(0, GreatCircle.DistanceKm(new GeoPoint(10, 180), new GeoPoint(10, -180)), 9);

    [Fact]
    public void AntipodalPoints_AreHalfTheCircumference() =>
        Assert.Equal(Math.PI * GreatCircle.EarthMeanRadiusKm, GreatCircle.DistanceKm(new GeoPoint(0, 0), new GeoPoint(0, 180)), 6);

    [Fact]
    public void PoleToPole_IsHalfTheCircumference() =>
        Assert.Equal(Math.PI * GreatCircle.EarthMeanRadiusKm, GreatCircle.DistanceKm(new GeoPoint(90, 0), new GeoPoint(-90, 0)), 6);

    [Theory]
    [InlineData(90.0001, 0)]
    [InlineData(-91, 0)]
    [InlineData(0, 180.5)]
    [InlineData(0, -181)]
    [InlineData(double.NaN, 0)]
    [InlineData(0, double.PositiveInfinity)]
    public void InvalidPoint_IsRefused(double lat, double lon)
    {
        var bad = new GeoPoint(lat, lon);
        var good = new GeoPoint(31, 121);
        Assert.False(bad.IsValid);
        Assert.Throws<ArgumentOutOfRangeException>(() => GreatCircle.DistanceKm(bad, good));
        Assert.Throws<ArgumentOutOfRangeException>(() => GreatCircle.DistanceKm(good, bad));
    }

    [Theory]
    [InlineData(90, 180, true)]
    [InlineData(-90, -180, true)]
    [InlineData(0, 0, true)]
    [InlineData(90.1, 0, false)]
    [InlineData(0, -180.1, false)]
    public void GeoPoint_IsValid_Bounds(double lat, double lon, bool valid) =>
        Assert.Equal(valid, new GeoPoint(lat, lon).IsValid);
}
