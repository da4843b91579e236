using System.Globalization;

namespace Emergency.Benchmarks.Load;

/// <summary>
/// A bare broker as the baseline, in its own process like the service: this harness's <c>bare-broker</c> mode (an
/// MQTTnet 5 server with default options and nothing in its publish path), or Debian's Mosquitto when installed.
/// A plain subscriber on the harness side consumes every frame.
/// </summary>
public sealed class BrokerTarget : ILoadTarget
{
    public const string MosquittoPath = "/usr/sbin/mosquitto";
    private readonly bool _mosquitto;
    private ChildProcess? _process;
    private string? _directory;

    private BrokerTarget(bool mosquitto) => _mosquitto = mosquitto;

    public static BrokerTarget MqttNet() => new(mosquitto: false);

    public static BrokerTarget? Mosquitto() => File.Exists(MosquittoPath) ? new BrokerTarget(mosquitto: true) : null;

    public string Name => _mosquitto ? "mosquitto" : "mqttnet-bare";
    public int MqttPort { get; private set; }
    public int? Pid => _process?.Pid;
    public bool KeyedByPatient => false;

    public async Task StartAsync(CancellationToken ct)
    {
        MqttPort = ChildProcess.FreePorts(1)[0];
        _directory = Directory.CreateTempSubdirectory("emergency-broker-").FullName;
        var port = MqttPort.ToString(CultureInfo.InvariantCulture);
        if (_mosquitto)
        {
            var config = Path.Combine(_directory, "mosquitto.conf");
            // Loopback only; queues large enough that the baseline drops nothing (Mosquitto's default is 1,000).
            await File.WriteAllTextAsync(config, $"""
                listener {port} 127.0.0.1
                allow_anonymous true
                persistence false
                max_queued_messages 1000000
                max_inflight_messages 0
                log_dest stderr
                log_type error
                """, ct);
            _process = ChildProcess.Start(MosquittoPath, ["-c", config], _directory);
        }
        else
        {
            _process = ChildProcess.Start("dotnet", [typeof(BrokerTarget).Assembly.Location, "bare-broker", "--port", port], _directory);
        }
        await _process.WaitForPortAsync(MqttPort, TimeSpan.FromSeconds(30));
    }

    public IDeliveryObserver CreateObserver() => new SubscriberObserver(MqttPort);

    public Task<long?> AppliedCountAsync() => Task.FromResult<long?>(null);

    public async ValueTask DisposeAsync()
    {
        if (_process is not null) await _process.DisposeAsync();
        if (_directory is not null)
        {
            try { Directory.Delete(_directory, recursive: true); } catch (IOException) { /* the OS cleans temp */ }
        }
    }
}
