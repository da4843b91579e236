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
/// Publishes N vitals frames for one fresh patient to a running host and measures, per frame, the time from the
/// start of the publish to (a) its PUBACK, which means applied, and (b) the <c>patientUpdated</c> push reaching a
/// SignalR client that watches the patient. Frames are spaced wider than the push window, so each push is the
/// leading edge of its window.
/// </summary>
public static class LatencyProbe
{
    public static async Task<int> RunAsync(string[] args)
    {
        var http = Probe.Arg(args, "--http", "http://127.0.0.1:5080");
        var mqttPort = int.Parse(Probe.Arg(args, "--mqtt-port", "1883"), CultureInfo.InvariantCulture);
        var count = int.Parse(Probe.Arg(args, "--count", "100"), CultureInfo.InvariantCulture);
        var spacing = TimeSpan.FromMilliseconds(int.Parse(Probe.Arg(args, "--spacing-ms", "300"), CultureInfo.InvariantCulture));
        var patientId = $"P-PROBE-{Guid.NewGuid():N}"[..20];
        var unitId = $"AMB-PROBE-{Guid.NewGuid():N}"[..22];

        var clock = Stopwatch.StartNew();
        var sentAt = new ConcurrentDictionary<int, TimeSpan>();
        var pushed = new ConcurrentDictionary<int, TimeSpan>();
        var allPushed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        // Signed in: the demo admin of a --demo host unless --user/--password say otherwise.
        var token = await HostSignIn.TokenAsync(new Uri(http), HostSignIn.User(args), HostSignIn.Password(args));
        await using var hub = new HubConnectionBuilder().WithUrl($"{http.TrimEnd('/')}/hubs/live",
            o => o.AccessTokenProvider = () => Task.FromResult<string?>(token)).Build();
        hub.On<JsonElement>("patientUpdated", state =>
        {
            var now = clock.Elapsed;
            // The probe encodes the frame number in the heart rate (40 + i).
            if (state.GetProperty("vitals").GetProperty("hr").GetDouble() is var hr && pushed.TryAdd((int)hr - 40, now)
                && pushed.Count == count)
            {
                allPushed.TrySetResult();
            }
        });
        await hub.StartAsync();
        await hub.InvokeAsync("WatchPatient", patientId);

        using var mqtt = new MqttClientFactory().CreateMqttClient();
        var connected = await mqtt.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", mqttPort).WithClientId(unitId).Build());
        if (connected.ResultCode != MqttClientConnectResultCode.Success)
        {
            Console.Error.WriteLine($"MQTT connect refused: {connected.ResultCode}");
            return 2;
        }

        var acked = new List<TimeSpan>(count);
        Console.Error.WriteLine($"latency probe: {count} frames, one every {spacing.TotalMilliseconds} ms, patient {patientId}");
        for (var i = 0; i < count; i++)
        {
            var payload = Encoding.UTF8.GetBytes(
                $$"""{"patientId":"{{patientId}}","seq":{{i + 1}},"ts":{{DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()}},"hr":{{40 + i}},"rr":18,"spo2":97,"sbp":120,"temp":36.8,"acvpu":"A","o2":false}""");
            var start = clock.Elapsed;
            sentAt[i] = start;
            await mqtt.PublishAsync(new MqttApplicationMessageBuilder().WithTopic($"ems/probe/ambulance/{unitId}/vitals")
                .WithPayload(payload).WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build());
            acked.Add(clock.Elapsed - start);
            if ((i + 1) % 10 == 0) Console.Error.Write($"\r  sent {i + 1}/{count}, pushes received {pushed.Count}   ");
            await Task.Delay(spacing);
        }
        await Task.WhenAny(allPushed.Task, Task.Delay(TimeSpan.FromSeconds(10)));
        Console.Error.WriteLine();

        var push = pushed.Select(p => p.Value - sentAt[p.Key]).ToList();
        Console.WriteLine($"| measure (n={count}, {Environment.ProcessorCount} cores) | median ms | p95 ms | worst ms |");
        Console.WriteLine("| --- | --- | --- | --- |");
        Console.WriteLine(Probe.Row("publish → PUBACK (applied and journaled)", acked));
        Console.WriteLine(Probe.Row("publish → SignalR patientUpdated", push));
        var lost = count - push.Count;
        Console.WriteLine($"pushes missing: {lost}");
        return lost == 0 ? 0 : 1;
    }
}
