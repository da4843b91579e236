using Emergency.Benchmarks.Hosting;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR.Client;
using MQTTnet;
using MQTTnet.Protocol;

namespace Emergency.Benchmarks.Probes;

/// <summary>
/// Alert latency against a running host: for each of N fresh patients, a baseline frame and two desaturated frames
/// (not yet confirmed), then the third desaturated frame, which confirms the new band. Measured: from the start of
/// that confirming publish to <c>alertRaised</c> at a SignalR client watching the region (the confirmation delay
/// itself is excluded: the frames carry consecutive measurement times).
/// </summary>
public static class AlertLatencyProbe
{
    public static async Task<int> RunAsync(string[] args)
    {
        var http = Probe.Arg(args, "--http", "http://127.0.0.1:5080");
        var mqttPort = int.Parse(Probe.Arg(args, "--mqtt-port", "1883"), CultureInfo.InvariantCulture);
        var count = int.Parse(Probe.Arg(args, "--count", "100"), CultureInfo.InvariantCulture);
        var region = $"probe-{Guid.NewGuid():N}"[..14];
        var clock = Stopwatch.StartNew();
        var raisedAt = new ConcurrentDictionary<string, TimeSpan>();

        // Signed in: the demo admin of a --demo host unless --user/--password say otherwise.
        var token = await HostSignIn.TokenAsync(new Uri(http), HostSignIn.User(args), HostSignIn.Password(args));
        await using var hub = new HubConnectionBuilder().WithUrl($"{http.TrimEnd('/')}/hubs/live",
            o => o.AccessTokenProvider = () => Task.FromResult<string?>(token)).Build();
        hub.On<JsonElement>("alertRaised", alert =>
        {
            if (alert.GetProperty("kind").GetString() == "single-parameter")
            {
                raisedAt.TryAdd(alert.GetProperty("patientId").GetString()!, clock.Elapsed);
            }
        });
        await hub.StartAsync();
        await hub.InvokeAsync("WatchRegion", region);

        var unit = $"AMB-{Guid.NewGuid():N}"[..16];
        using var mqtt = new MqttClientFactory().CreateMqttClient();
        var connected = await mqtt.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", mqttPort).WithClientId(unit).Build());
        if (connected.ResultCode != MqttClientConnectResultCode.Success)
        {
            Console.Error.WriteLine($"MQTT connect refused: {connected.ResultCode}");
            return 2;
        }

        var sentAt = new Dictionary<string, TimeSpan>();
        long seq = 0;
        async Task Publish(string patientId, DateTimeOffset ts, int spo2) =>
            await mqtt.PublishAsync(new MqttApplicationMessageBuilder().WithTopic($"ems/{region}/ambulance/{unit}/vitals")
                .WithPayload(Encoding.UTF8.GetBytes(
                    $$"""{"patientId":"{{patientId}}","seq":{{++seq}},"ts":{{ts.ToUnixTimeMilliseconds()}},"hr":80,"rr":16,"spo2":{{spo2}},"sbp":120,"temp":37.0,"acvpu":"A","o2":false}"""))
                .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build());

        Console.Error.WriteLine($"alert latency probe: {count} alerts in region {region}");
        for (var i = 0; i < count; i++)
        {
            var patientId = $"P-AL-{i:D4}-{Guid.NewGuid():N}"[..20];
            var t0 = DateTimeOffset.UtcNow.AddSeconds(-5);
            await Publish(patientId, t0, 97);
            await Publish(patientId, t0.AddSeconds(1), 88);
            await Publish(patientId, t0.AddSeconds(2), 88);
            sentAt[patientId] = clock.Elapsed;
            await Publish(patientId, t0.AddSeconds(3), 88); // confirms: the alert is raised now
            if ((i + 1) % 10 == 0) Console.Error.Write($"\r  {i + 1}/{count} confirming frames sent, {raisedAt.Count} alerts received   ");
            await Task.Delay(50);
        }
        var deadline = clock.Elapsed + TimeSpan.FromSeconds(10);
        while (raisedAt.Count < count && clock.Elapsed < deadline) await Task.Delay(50);
        Console.Error.WriteLine();

        var latencies = sentAt.Where(s => raisedAt.ContainsKey(s.Key)).Select(s => raisedAt[s.Key] - s.Value).ToList();
        Console.WriteLine($"| measure (n={count}, {Environment.ProcessorCount} cores) | median ms | p95 ms | worst ms |");
        Console.WriteLine("| --- | --- | --- | --- |");
        Console.WriteLine(Probe.Row("confirming publish → SignalR alertRaised", latencies));
        Console.WriteLine($"alerts missing: {count - latencies.Count}");
        return latencies.Count == count ? 0 : 1;
    }
}
