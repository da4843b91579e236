using Emergency.DeviceSim.Physiology;
using Emergency.DeviceSim.Wire;

namespace Emergency.DeviceSim.Fleet;

/// <summary>Creates the simulated devices for a run; deterministic for a given seed.</summary>
internal static class FleetBuilder
{
    public static IReadOnlyList<SimDevice> Build(SimulationOptions options, int seed)
    {
        var map = new RegionMap(options.CentreLat, options.CentreLon, options.RegionRadiusKm);
        var patientIds = new PatientIdSource();
        var ambulanceTick = TimeSpan.FromSeconds(1 / options.RateHz);
        var wearableTick = TimeSpan.FromSeconds(1 / (options.WearableRateHz ?? options.RateHz));
        var devices = new List<SimDevice>(options.Ambulances + options.Wearables);
        for (var i = 1; i <= options.Ambulances; i++)
        {
            devices.Add(new Ambulance(
                DeviceIds.Ambulance(i), options.Region, map, SimRandom.DeriveSeed(seed, i, salt: 1), patientIds, ambulanceTick, options.PositionInterval)
            {
                Ecg = i <= options.EcgAmbulances ? new Physiology.EcgStream(SimRandom.DeriveSeed(seed, i, salt: 3)) : null,
            });
        }

        for (var i = 1; i <= options.Wearables; i++)
        {
            devices.Add(new Wearable(DeviceIds.Wearable(i), options.Region, SimRandom.DeriveSeed(seed, i, salt: 2), patientIds, wearableTick));
        }

        // A real device keeps its counter across restarts; a restarted simulator carries on above its earlier runs.
        var firstSeq = options.FirstSeq ?? DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        foreach (var device in devices)
        {
            device.StartSeqAt(firstSeq);
        }

        return devices;
    }
}
