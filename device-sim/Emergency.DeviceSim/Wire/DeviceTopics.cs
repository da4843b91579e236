using Emergency.Domain.Devices;

namespace Emergency.DeviceSim.Wire;

/// <summary>The MQTT topics one device publishes to and listens on, built once per device.</summary>
internal sealed record DeviceTopics(string Vitals, string Position, string Status, string Rejects)
{
    public static DeviceTopics For(string region, DeviceKind kind, string deviceId)
    {
        var prefix = $"ems/{region}/{kind.ToCode()}/{deviceId}";
        return new DeviceTopics(
            Vitals: $"{prefix}/vitals",
            Position: $"{prefix}/position",
            Status: $"{prefix}/status",
            Rejects: $"ems/{region}/rejects/{deviceId}");
    }

    /// <summary>Binary ECG frames (ambulance monitors): <c>…/ecg</c> beside <c>…/vitals</c>.</summary>
    public string Ecg => Vitals[..^"vitals".Length] + "ecg";
}
