namespace Emergency.Domain.Dispatch;

/// <summary>The contents of a region file, validated (see <see cref="RegionFile"/>).</summary>
/// <param name="Source">The file name the data came from (for messages).</param>
/// <param name="Region">Region code, e.g. <c>sh</c>; the <c>{region}</c> of topics and API queries.</param>
/// <param name="Name">Display name of the region.</param>
/// <param name="TimeZone">The region's time zone (for rush hours and quoted times); null when the file names none.</param>
/// <param name="Demonstration">True for made-up data: boards should say so.</param>
/// <param name="Note">Free text about the data (for demonstration files: that it is fictional).</param>
/// <param name="Hospitals">The hospitals, in file order; ids unique.</param>
/// <param name="Stations">The ambulance stations, in file order; ids unique.</param>
public sealed record RegionData(
    string Source,
    string Region,
    string Name,
    TimeZoneInfo? TimeZone,
    bool Demonstration,
    string? Note,
    IReadOnlyList<RegionHospital> Hospitals,
    IReadOnlyList<AmbulanceStation> Stations)
{
    /// <summary>Every hospital as a <see cref="Hospitals.Hospital"/> of this region, reported at <paramref name="updatedAt"/>.</summary>
    public IReadOnlyList<Hospitals.Hospital> ToHospitals(DateTimeOffset updatedAt, string updatedBy = "region-file") =>
        Hospitals.Select(h => h.ToHospital(Region, updatedAt, updatedBy)).ToArray();
}
