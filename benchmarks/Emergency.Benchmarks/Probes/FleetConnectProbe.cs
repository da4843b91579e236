using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Emergency.Benchmarks.Load;
using Emergency.Domain.Devices;
using Emergency.Ingest.Security;
using MQTTnet;
using MQTTnet.Formatter;

namespace Emergency.Benchmarks.Probes;

/// <summary>
/// A fleet reconnecting at once to a host in secure mode: N registered devices (registry written before the host
/// starts) connect with their secrets, K connects in flight; reports the wall time until all are in, per-connect
/// latency, and the host's CPU time for the storm. Two rounds: the first connects, the second reconnects.
/// </summary>
public static class FleetConnectProbe
{
    public static async Task<int> RunAsync(string[] args)
    {
        var count = int.Parse(Probe.Arg(args, "--devices", "1000"), CultureInfo.InvariantCulture);
        var inFlight = int.Parse(Probe.Arg(args, "--concurrency", "64"), CultureInfo.InvariantCulture);
        var dataDirectory = Directory.CreateTempSubdirectory("emergency-fleet-connect-").FullName;
        try
        {
            var secrets = Enumerable.Range(1, count).ToDictionary(i => $"FC-{i:D5}", _ => DeviceSecret.Generate());
            var now = DateTimeOffset.UtcNow;
            DeviceRegistryFile.Update(Path.Combine(dataDirectory, "data", "devices.json"), _ => secrets.Select(s => new DeviceRecord
            {
                Id = s.Key, Kind = DeviceKind.Ambulance, Region = "fc", SecretHash = DeviceSecret.Hash(s.Value), CreatedAt = now,
            }).ToList());

            var ports = ChildProcess.FreePorts(4);
            await using var host = ChildProcess.Start("dotnet", [RepositoryLayout.HostAssembly, "--contentRoot", RepositoryLayout.HostProjectDirectory],
                dataDirectory, new Dictionary<string, string>
                {
                    ["Urls"] = $"http://127.0.0.1:{ports[0]}",
                    ["Mqtt__Port"] = ports[1].ToString(CultureInfo.InvariantCulture),
                    ["Orleans__SiloPort"] = ports[2].ToString(CultureInfo.InvariantCulture),
                    ["Orleans__GatewayPort"] = ports[3].ToString(CultureInfo.InvariantCulture),
                    ["Data__Directory"] = Path.Combine(dataDirectory, "data"),
                    ["DOTNET_ENVIRONMENT"] = "Production",
                    ["Security__Development"] = "false",
                    ["Logging__LogLevel__Default"] = "Error",
                });
            await host.WaitForPortAsync(ports[1], TimeSpan.FromSeconds(90));
            using var hostProcess = Process.GetProcessById(host.Pid);

            Console.WriteLine($"fleet connect: {count} registered devices, {inFlight} connects in flight, {Environment.ProcessorCount} cores, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC");
            Console.WriteLine("| round | all connected after s | host CPU s | refused | connect median ms | p95 ms | worst ms |");
            Console.WriteLine("| --- | --- | --- | --- | --- | --- | --- |");
            for (var round = 1; round <= 2; round++)
            {
                hostProcess.Refresh();
                var cpuBefore = hostProcess.TotalProcessorTime;
                var (elapsed, latencies, refused, clients) = await ConnectAll(ports[1], secrets, inFlight);
                hostProcess.Refresh();
                var cpu = hostProcess.TotalProcessorTime - cpuBefore;
                var row = Probe.Row(round == 1 ? "connect" : "reconnect", latencies).Split('|', StringSplitOptions.TrimEntries);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {row[1]} | {elapsed.TotalSeconds:0.00} | {cpu.TotalSeconds:0.00} | {refused} | {row[2]} | {row[3]} | {row[4]} |"));
                await Task.WhenAll(clients.Select(async c =>
                {
                    try { await c.DisconnectAsync(); } catch (Exception) { /* gone already */ }
                    c.Dispose();
                }));
            }
            return 0;
        }
        finally
        {
            try { Directory.Delete(dataDirectory, recursive: true); } catch (IOException) { }
        }
    }

    private static async Task<(TimeSpan Elapsed, List<TimeSpan> Latencies, int Refused, List<IMqttClient> Clients)> ConnectAll(
        int port, Dictionary<string, string> secrets, int inFlight)
    {
        var factory = new MqttClientFactory();
        var gate = new SemaphoreSlim(inFlight);
        var latencies = new ConcurrentBag<TimeSpan>();
        var clients = new ConcurrentBag<IMqttClient>();
        var refused = 0;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(secrets.Select(async device =>
        {
            await gate.WaitAsync();
            try
            {
                var client = factory.CreateMqttClient();
                clients.Add(client);
                var started = clock.Elapsed;
                var result = await client.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", port)
                    .WithClientId(device.Key).WithCredentials(device.Key, device.Value).WithProtocolVersion(MqttProtocolVersion.V500)
                    .WithTimeout(TimeSpan.FromSeconds(30)).Build());
                latencies.Add(clock.Elapsed - started);
                if (result.ResultCode != MqttClientConnectResultCode.Success) Interlocked.Increment(ref refused);
            }
            finally
            {
                gate.Release();
            }
        }));
        return (clock.Elapsed, latencies.ToList(), refused, clients.ToList());
    }
}
