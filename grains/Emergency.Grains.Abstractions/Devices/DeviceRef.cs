using Emergency.Domain.Devices;

namespace Emergency.Grains.Devices;

/// <summary>Which device reported: an ambulance monitor (unit id) or a wearable (device id).</summary>
[GenerateSerializer, Immutable, Alias("Emergency.DeviceRef")]
public readonly record struct DeviceRef([property: Id(0)] DeviceKind Kind, [property: Id(1)] string Id)
{
    public override string ToString() => $"{Kind.ToCode()}/{Id}";
}
