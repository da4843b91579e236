using System.Diagnostics;
using System.Text.Json;
using Emergency.DeviceSim;
using Emergency.DeviceSim.Transport;
using Emergency.EndToEnd.Tests.Infrastructure;
using Emergency.EndToEnd.Tests.Security;
using Xunit.Abstractions;
using static Emergency.EndToEnd.Tests.Infrastructure.Json;

namespace Emergency.EndToEnd.Tests;

/// <summary>
/// The real simulator in socket mode: one ambulance streams its ECG over its own TCP connection to the host's raw
/// gateway (through a proxy that can cut the network) while its vitals and status go over MQTT. Every block it
/// generated comes back from <c>GET /api/patients/{id}/ecg</c>, with no gap, also across a cut of the connection.
/// In secure mode the hello carries the device's registry secret (<c>--credentials</c>); a wrong one is refused.
/// </summary>
public sealed class EcgSocketSimulatorEndToEndTests(ITestOutputHelper output)
{
    private const string Region = "es";
    private const string Unit = "AMB-01";

    [Fact]
    public async Task The_simulator_streams_ECG_over_the_gateway_and_a_cut_connection_loses_no_block()
    {
        var gatewayPort = FreePorts.Take(1)[0];
        await using var host = await HostProcess.StartAsync(new Dictionary<string, string>
        {
            ["Ecg__Gateway__Port"] = gatewayPort.ToString(),
        });
        await using var network = new TcpCutProxy(() => gatewayPort);
        var progress = new ProgressLog();
        var options = new SimulationOptions
        {
            Host = "127.0.0.1",
            Port = host.MqttPort,
            Region = Region,
            Ambulances = 1,
            Wearables = 0,
            EcgAmbulances = 1,
            EcgTransport = EcgTransport.Socket,
            EcgGatewayHost = "127.0.0.1",
            EcgGatewayPort = network.Port,
            Seed = 7011,
            FirstSeq = 1,
            ReconnectDelay = TimeSpan.FromMilliseconds(250),
            MaxReconnectDelay = TimeSpan.FromSeconds(1),
            DrainTimeout = TimeSpan.FromSeconds(30),
            ProgressInterval = TimeSpan.FromMilliseconds(100),
        };
        using var stop = new CancellationTokenSource();
        var startedAt = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var run = new Simulation().RunAsync(options, progress, stop.Token);
        SimulationSummary summary;
        try
        {
            Assert.True(await Until(() => progress.Last.EcgSocket is { Acknowledged: >= 8 }, TimeSpan.FromSeconds(60)),
                $"no ECG frames acknowledged over the socket within 60 s: {progress.Last}\n{host.Output}");

            // The network to the gateway goes down for 3 s: frames pile up in the simulator and go after the reconnect.
            network.Cut();
            await Task.Delay(TimeSpan.FromSeconds(3));
            var heldDuringCut = progress.Last.EcgSocket!.Buffered;
            network.Restore();
            Assert.True(await Until(() => progress.Last.EcgSocket is { Reconnects: >= 1, Buffered: 0 }, TimeSpan.FromSeconds(60)),
                $"the ECG link did not reconnect and catch up within 60 s: {progress.Last}");
            output.WriteLine($"held during the cut: {heldDuringCut} frames; after: {progress.Last.EcgSocket}");
            Assert.True(heldDuringCut >= 4, $"the cut should have held frames back (3 s at 4 frames/s), held {heldDuringCut}");
            await Task.Delay(TimeSpan.FromSeconds(1));
        }
        finally
        {
            await stop.CancelAsync();
            summary = await run;
        }

        output.WriteLine($"summary: {summary}; ecg socket: {summary.EcgSocket}; last ecg error: {summary.EcgSocketLastConnectError}");
        var ecg = summary.EcgSocket!;
        Assert.Equal(0, ecg.Refused);
        Assert.Equal(0, ecg.Dropped);
        Assert.Equal(0, ecg.Buffered);
        Assert.True(ecg.Acknowledged >= 20, $"acked {ecg.Acknowledged}");
        Assert.True(ecg.Reconnects >= 1);

        var ambulance = Parse(await host.Http.GetStringAsync($"/api/ambulances/{Unit}"));
        var patient = ambulance.GetProperty("patientId").GetString();
        Assert.False(string.IsNullOrEmpty(patient), ambulance.GetRawText());
        var body = Parse(await host.Http.GetStringAsync(
            $"/api/patients/{patient}/ecg?from={startedAt - 1_000}&to={DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() + 1_000}&leads=II"));
        var seqs = body.GetProperty("blocks").EnumerateArray().Select(b => b.GetProperty("seq").GetUInt32()).ToList();
        Assert.Empty(body.GetProperty("gaps").EnumerateArray());
        Assert.Equal(ecg.Acknowledged, seqs.Count);
        Assert.Equal(Enumerable.Range(0, seqs.Count).Select(i => (uint)i), seqs);
        Assert.All(body.GetProperty("blocks").EnumerateArray(), b => Assert.Equal(Unit, b.GetProperty("deviceId").GetString()));
        var ready = Parse(await host.Http.GetStringAsync("/health/ready"));
        output.WriteLine($"/health/ready ecg: {ready.GetProperty("ecg").GetRawText()}");
        Assert.Equal(0, ready.GetProperty("ecg").GetProperty("lostFrames").GetInt64());
        Assert.Equal(ecg.Acknowledged, ready.GetProperty("ecg").GetProperty("accepted").GetInt64());
    }

    [Fact]
    public async Task In_secure_mode_the_hello_carries_the_registry_secret_and_a_wrong_secret_streams_nothing()
    {
        const string region = "ss";
        var data = Directory.CreateTempSubdirectory("emergency-ecg-socket-sim-").FullName;
        try
        {
            var secret = await DevicesCli.AddAsync(data, Unit, "ambulance", region);
            await SecurityHostFixture.RunUsersCommand(Path.Combine(data, "data"), "add", "--name", SecurityHostFixture.AdminName,
                "--role", "admin", "--password", SecurityHostFixture.Password);
            var gatewayPort = FreePorts.Take(1)[0];
            await using var host = await HostProcess.StartAsync(new Dictionary<string, string>
            {
                ["Security__Development"] = "false",
                ["Ecg__Gateway__Port"] = gatewayPort.ToString(),
            }, data);
            await host.UseAccountAsync(SecurityHostFixture.AdminName, SecurityHostFixture.Password);
            SimulationOptions Options(string deviceSecret) => new()
            {
                Port = host.MqttPort,
                Region = region,
                Ambulances = 1,
                Wearables = 0,
                EcgAmbulances = 1,
                EcgTransport = EcgTransport.Socket,
                EcgGatewayPort = gatewayPort,
                Credentials = new Dictionary<string, string> { [Unit] = deviceSecret },
                Seed = 7012,
                ReconnectDelay = TimeSpan.FromMilliseconds(250),
                MaxReconnectDelay = TimeSpan.FromSeconds(1),
                DrainTimeout = TimeSpan.FromSeconds(30),
                ProgressInterval = TimeSpan.FromMilliseconds(100),
            };

            var intruder = await new Simulation().RunAsync(Options("wrong") with { Duration = TimeSpan.FromSeconds(3), DrainTimeout = TimeSpan.Zero });
            output.WriteLine($"wrong secret: {intruder.EcgSocket}; {intruder.EcgSocketLastConnectError}");
            Assert.Equal(0, intruder.EcgSocket!.Acknowledged);
            Assert.True(intruder.EcgSocket.ConnectFailures >= 1);
            Assert.EndsWith("refused the hello: unknown device or wrong credentials", intruder.EcgSocketLastConnectError);

            var progress = new ProgressLog();
            using var stop = new CancellationTokenSource();
            var run = new Simulation().RunAsync(Options(secret), progress, stop.Token);
            bool streamed;
            try
            {
                streamed = await Until(() => progress.Last.EcgSocket is { Acknowledged: >= 8 }, TimeSpan.FromSeconds(60));
            }
            finally
            {
                await stop.CancelAsync();
            }
            var summary = await run;
            output.WriteLine($"right secret: {summary.EcgSocket}; {summary.EcgSocketLastConnectError}");
            Assert.True(streamed, $"no ECG frames acknowledged over the socket within 60 s: {summary.EcgSocket}\n{host.Output}");
            Assert.Equal(0, summary.EcgSocket!.Refused);
            Assert.Equal(0, summary.EcgSocket.Buffered);

            var patient = Parse(await host.Http.GetStringAsync($"/api/ambulances/{Unit}")).GetProperty("patientId").GetString();
            var body = Parse(await host.Http.GetStringAsync($"/api/patients/{patient}/ecg?from={DateTimeOffset.UtcNow.AddSeconds(-60).ToUnixTimeMilliseconds()}&leads=II"));
            Assert.Equal(summary.EcgSocket.Acknowledged, body.GetProperty("blocks").GetArrayLength());
            Assert.Empty(body.GetProperty("gaps").EnumerateArray());
        }
        finally
        {
            try { Directory.Delete(data, recursive: true); } catch (IOException) { }
        }
    }

    /// <summary>The simulator's latest progress report.</summary>
    private sealed class ProgressLog : IProgress<SimulationProgress>
    {
        private readonly Lock _lock = new();
        private SimulationProgress _last;

        public SimulationProgress Last
        {
            get { lock (_lock) return _last; }
        }

        public void Report(SimulationProgress value)
        {
            lock (_lock) _last = value;
        }
    }

    private static async Task<bool> Until(Func<bool> condition, TimeSpan within)
    {
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < within)
        {
            if (condition()) return true;
            await Task.Delay(100);
        }
        return condition();
    }
}
