namespace Emergency.Domain.Devices;

/// <summary>What kind of device publishes under <c>ems/{region}/{kind}/{id}/…</c>.</summary>
public enum DeviceKind : byte
{
    Ambulance = 0,
    Wearable = 1,
}

public static class DeviceKindCodes
{
    public static string ToCode(this DeviceKind kind) => kind == DeviceKind.Ambulance ? "ambulance" : "wearable";
}
