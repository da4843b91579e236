using Emergency.Domain.Scoring;
using Emergency.Domain.Vitals;
using Emergency.Grains.Devices;

namespace Emergency.Grains.Patients;

/// <summary>
/// A patient's state at one moment. <see cref="Vitals"/> holds the latest value of each parameter (even if stale);
/// <see cref="News2"/> scores only the fresh ones. <see cref="Version"/> rises with every change, also across restarts of
/// the service, so a client can drop updates that arrive twice or out of order.
/// </summary>
[GenerateSerializer, Immutable, Alias("Emergency.PatientSnapshot")]
public sealed record PatientSnapshot(
    [property: Id(0)] string PatientId,
    [property: Id(1)] string Region,
    [property: Id(2)] DeviceRef Source,
    [property: Id(3)] DateTimeOffset UpdatedAt,
    [property: Id(4)] VitalSigns Vitals,
    [property: Id(5)] DateTimeOffset? VitalsAt,
    [property: Id(6)] News2Result News2,
    [property: Id(7)] long Version,
    [property: Id(8)] int WindowSamples);
