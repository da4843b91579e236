using System.Text.Json;
using Emergency.DeviceSim.Fleet;
using Emergency.DeviceSim.Wire;

namespace Emergency.DeviceSim.Tests;

internal static class TestSupport
{
    public static readonly DateTimeOffset T0 = new(2026, 11, 23, 7, 37, 17, 123, TimeSpan.Zero);

    public static RegionMap Shanghai() => new(31.2304, 121.4737, 12);

    /// <summary>Parses a frame's bytes (copied) and releases the frame.</summary>
    public static JsonElement Parse(OutboundFrame frame)
    {
        var bytes = frame.Payload.ToArray();
        frame.Release();
        using var doc = JsonDocument.Parse(bytes);
        return doc.RootElement.Clone();
    }

    /// <summary>Ticks a device once per second of real and simulated time, collecting the frames.</summary>
    public static List<(OutboundFrame Frame, DateTimeOffset At)> TickMany(SimDevice device, int ticks, TimeSpan? simulatedPerTick = null)
    {
        var all = new List<(OutboundFrame, DateTimeOffset)>();
        var output = new List<OutboundFrame>();
        for (var i = 0; i < ticks; i++)
        {
            var now = T0 + device.TickInterval * i;
            var elapsed = i == 0 ? TimeSpan.Zero : device.TickInterval;
            var simulated = i == 0 ? TimeSpan.Zero : simulatedPerTick ?? elapsed;
            device.Tick(now, elapsed, simulated, output);
            all.AddRange(output.Select(f => (f, now)));
            output.Clear();
        }

        return all;
    }
}
