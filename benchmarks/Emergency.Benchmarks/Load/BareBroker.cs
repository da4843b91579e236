using System.Globalization;
using MQTTnet.Server;

namespace Emergency.Benchmarks.Load;

/// <summary>
/// <c>bare-broker --port N</c>: an MQTTnet 5 server on 127.0.0.1 with nothing in its publish path, the baseline the
/// service's figures are set against. Its per-client queue is raised past the default 1,000 so it drops nothing.
/// </summary>
public static class BareBroker
{
    public static async Task<int> RunAsync(string[] args)
    {
        var port = int.Parse(Probes.Probe.Arg(args, "--port", "1883"), CultureInfo.InvariantCulture);
        var options = new MqttServerOptionsBuilder()
            .WithDefaultEndpoint()
            .WithDefaultEndpointBoundIPAddress(System.Net.IPAddress.Loopback)
            .WithDefaultEndpointPort(port)
            .WithMaxPendingMessagesPerClient(1_000_000)
            .Build();
        using var server = new MqttServerFactory().CreateMqttServer(options);
        await server.StartAsync();
        Console.Error.WriteLine($"bare MQTTnet broker on 127.0.0.1:{port}; Ctrl+C or SIGTERM stops it");
        using var stop = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) => { e.Cancel = true; stop.Cancel(); };
        using var sigterm = System.Runtime.InteropServices.PosixSignalRegistration.Create(
            System.Runtime.InteropServices.PosixSignal.SIGTERM, c => { c.Cancel = true; stop.Cancel(); });
        try { await Task.Delay(Timeout.Infinite, stop.Token); } catch (OperationCanceledException) { }
        await server.StopAsync();
        return 0;
    }
}
