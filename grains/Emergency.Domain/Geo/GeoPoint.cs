namespace Emergency.Domain.Geo;

/// <summary>
/// A WGS-84 position in decimal degrees: <paramref name="Lat"/> −90..90 (north positive),
/// <paramref name="Lon"/> −180..180 (east positive). The wire form is <c>{"lat": 31.23, "lon": 121.47}</c>.
/// </summary>
/// <remarks>
/// The record does not refuse out-of-range values (positions arrive from devices and files and are checked where
/// they enter); <see cref="IsValid"/> says whether a point can be used, and <see cref="GreatCircle"/> refuses one
/// that cannot.
/// </remarks>
[GenerateSerializer, Immutable, Alias("Emergency.GeoPoint")]
public readonly record struct GeoPoint(
    [property: Id(0)] double Lat,
    [property: Id(1)] double Lon)
{
    /// <summary>Whether <paramref name="lat"/> is a finite latitude in −90..90.</summary>
    public static bool IsValidLatitude(double lat) => double.IsFinite(lat) && lat is >= -90 and <= 90;

    /// <summary>Whether <paramref name="lon"/> is a finite longitude in −180..180.</summary>
    public static bool IsValidLongitude(double lon) => double.IsFinite(lon) && lon is >= -180 and <= 180;

    /// <summary>Both coordinates are finite and in range.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public bool IsValid => IsValidLatitude(Lat) && IsValidLongitude(Lon);

    public override string ToString() =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"({Lat}, {Lon})");
}
