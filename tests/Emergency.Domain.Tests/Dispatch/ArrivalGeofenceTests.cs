using Emergency.Domain.Dispatch;
using Emergency.Domain.Geo;

namespace Emergency.Domain.Tests.Dispatch;

public sealed class ArrivalGeofenceTests
{
    private static readonly GeoPoint Hospital = new(31.2290, 121.4760);

    /// <summary>A point <paramref name="metres"/> due north of the hospital (1° of latitude = R·π/180 km).</summary>
    private static GeoPoint North(double metres) =>
        new(Hospital.Lat + metres / 1000 / (GreatCircle.EarthMeanRadiusKm * Math.PI / 180), Hospital.Lon);

    [Fact]
    public void At_the_entrance_is_arrived() => Assert.True(ArrivalGeofence.HasArrived(Hospital, Hospital, 100));

    [Theory]
    [InlineData(99.9, true)]
    [InlineData(99.99, true)]
    [InlineData(100.01, false)]
    [InlineData(100.1, false)]
    [InlineData(500, false)]
    public void The_radius_edge_decides(double metres, bool arrived) =>
        Assert.Equal(arrived, ArrivalGeofence.HasArrived(North(metres), Hospital, 100));

    [Fact]
    public void A_point_on_the_radius_counts_as_inside()
    {
        var edge = North(150);
        var radius = GreatCircle.DistanceKm(edge, Hospital) * 1000;
        Assert.True(ArrivalGeofence.HasArrived(edge, Hospital, radius));
        Assert.False(ArrivalGeofence.HasArrived(edge, Hospital, Math.BitDecrement(radius)));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    [InlineData(double.NaN)]
    public void A_radius_that_is_not_positive_never_arrives(double radius) =>
        Assert.False(ArrivalGeofence.HasArrived(Hospital, Hospital, radius));

    [Fact]
    public void Invalid_points_never_arrive()
    {
        Assert.False(ArrivalGeofence.HasArrived(new GeoPoint(double.NaN, 121.476), Hospital, 100));
        Assert.False(ArrivalGeofence.HasArrived(Hospital, new GeoPoint(91, 0), 100));
    }

    [Fact]
    public void Across_the_antimeridian_a_near_point_is_near()
    {
        var east = new GeoPoint(0, 179.9995);
        var west = new GeoPoint(0, -179.9995);   // ~111 m apart across 180°
        Assert.True(ArrivalGeofence.HasArrived(east, west, 150));
        Assert.False(ArrivalGeofence.HasArrived(east, west, 100));
    }
}
