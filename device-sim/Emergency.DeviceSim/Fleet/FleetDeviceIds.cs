using Emergency.DeviceSim.Wire;

namespace Emergency.DeviceSim.Fleet;

/// <summary>The device ids a run with these options uses, so a host can provision credentials for them beforehand.</summary>
public static class FleetDeviceIds
{
    public static IReadOnlyList<string> Ambulances(SimulationOptions options) =>
        Enumerable.Range(1, options.Ambulances).Select(DeviceIds.Ambulance).ToList();

    public static IReadOnlyList<string> Wearables(SimulationOptions options) =>
        Enumerable.Range(1, options.Wearables).Select(DeviceIds.Wearable).ToList();
}
