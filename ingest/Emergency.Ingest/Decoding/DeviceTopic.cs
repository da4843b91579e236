using Emergency.Domain.Devices;

namespace Emergency.Ingest.Decoding;

/// <summary>
/// A parsed device topic <c>ems/{region}/{ambulance|wearable}/{id}/{vitals|position|status|context|ecg}</c>.
/// <paramref name="DeviceId"/> is the <c>{unitId}</c> of an ambulance or the <c>{deviceId}</c> of a wearable.
/// </summary>
public readonly record struct DeviceTopic(string Region, DeviceKind Kind, string DeviceId, TopicChannel Channel);
