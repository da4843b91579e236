using Emergency.Domain.Hospitals;

namespace Emergency.Domain.Dispatch;

/// <summary>
/// A hospital as listed in a region file: everything but the region (the file's) and the report stamp
/// (a file has no "when"; <see cref="ToHospital"/> supplies it).
/// </summary>
/// <param name="HospitalId">Stable id, unique in the file.</param>
/// <param name="Name">Display name.</param>
/// <param name="Lat">Latitude, decimal degrees.</param>
/// <param name="Lon">Longitude, decimal degrees.</param>
/// <param name="Capabilities">What the hospital can treat.</param>
/// <param name="Capacity">Initial capacity (a starting point until the hospital reports).</param>
/// <param name="Status">Initial status; open unless the file says otherwise. Never has an <c>until</c>.</param>
public sealed record RegionHospital(
    string HospitalId,
    string Name,
    double Lat,
    double Lon,
    HospitalCapabilities Capabilities,
    HospitalCapacity Capacity,
    EdStatus Status)
{
    /// <summary>
    /// The hospital record for <paramref name="region"/>, its capacity counted as reported at <paramref name="updatedAt"/>
    /// (typically the load time; the capacity then turns stale after <see cref="Staleness.DefaultMaxAge"/> unless
    /// the hospital reports).
    /// </summary>
    public Hospital ToHospital(string region, DateTimeOffset updatedAt, string updatedBy = "region-file") =>
        new(HospitalId, Name, region, Lat, Lon, Capabilities, Capacity, Status, updatedAt, updatedBy);
}
