using System.Net;
using System.Text.Json;
using Emergency.EndToEnd.Tests.Infrastructure;
using Microsoft.AspNetCore.SignalR.Client;
using static Emergency.EndToEnd.Tests.Infrastructure.Json;

namespace Emergency.EndToEnd.Tests;

/// <summary>Ambulance tracking through real clients: GPS and status over MQTT, listing over HTTP, live over SignalR.</summary>
[Collection(HostCollection.Name)]
public sealed class AmbulancesEndToEndTests(HostFixture fx)
{
    private HostProcess Host => fx.Host;

    private static string NewId(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..20];

    [Fact]
    public async Task Positions_over_mqtt_are_listed_for_the_region_and_pushed_as_ambulanceUpdated()
    {
        var region = NewId("r");
        var unit = NewId("AMB");
        var patientId = NewId("P");
        await using var hub = Host.LiveHub();
        var moved = new TaskCompletionSource<JsonElement>(TaskCreationOptions.RunContinuationsAsynchronously);
        hub.On<JsonElement>("ambulanceUpdated", a =>
        {
            if (a.GetProperty("unitId").GetString() == unit && a.GetProperty("position").ValueKind == JsonValueKind.Object
                && a.GetProperty("position").GetProperty("lat").GetDouble() == 31.25)
            {
                moved.TrySetResult(a);
            }
        });
        await hub.StartAsync();
        await hub.InvokeAsync("WatchRegion", region);
        await using var device = await TestDevice.ConnectAsync(Host.MqttPort, unit);
        var now = DateTimeOffset.UtcNow;

        await device.PublishAsync($"ems/{region}/ambulance/{unit}/status",
            $$"""{"seq":1,"ts":{{now.ToUnixTimeMilliseconds()}},"status":"transporting","patientId":"{{patientId}}"}""");
        await device.PublishAsync($"ems/{region}/ambulance/{unit}/position",
            $$"""{"seq":2,"ts":{{now.AddSeconds(1).ToUnixTimeMilliseconds()}},"lat":31.25,"lon":121.48,"speedKmh":40,"heading":90}""");

        var pushed = await moved.Task.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal("transporting", pushed.GetProperty("status").GetString());
        Assert.Equal(patientId, pushed.GetProperty("patientId").GetString());
        var listed = Parse(await Host.Http.GetStringAsync($"/api/ambulances?region={region}"));
        var only = Assert.Single(listed.EnumerateArray());
        Assert.Equal(unit, only.GetProperty("unitId").GetString());
        Assert.Equal(121.48, only.GetProperty("position").GetProperty("lon").GetDouble());
        Assert.Equal(HttpStatusCode.OK, (await Host.Http.GetAsync($"/api/ambulances/{unit}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Host.Http.GetAsync($"/api/ambulances/{NewId("AMB")}")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await Host.Http.GetAsync("/api/ambulances")).StatusCode);
    }
}
