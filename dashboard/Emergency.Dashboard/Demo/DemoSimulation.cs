using Emergency.DeviceSim;
using Emergency.DeviceSim.Fleet;
using Emergency.Domain.Devices;
using Emergency.Ingest.Hosting;
using Emergency.Ingest.Security;
using Microsoft.Extensions.Options;

namespace Emergency.Dashboard.Demo;

/// <summary>
/// With <c>--demo</c> (or <c>Demo:Enabled=true</c>) the host also runs the device simulator against its own
/// broker, so patients stream the moment it starts. Section <c>Demo</c>: Ambulances, Wearables, Region.
/// </summary>
public sealed class DemoSimulation(
    IHostApplicationLifetime lifetime,
    IOptions<MqttIngestOptions> mqtt,
    DeviceRegistry registry,
    TimeProvider time,
    IConfiguration configuration,
    ILogger<DemoSimulation> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Start only once the silo and the broker are up.
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using (lifetime.ApplicationStarted.Register(() => started.TrySetResult()))
        {
            await started.Task.WaitAsync(stoppingToken);
        }
        var demo = configuration.GetSection("Demo");
        var options = new SimulationOptions
        {
            Host = mqtt.Value.Host,
            Port = mqtt.Value.Port,
            Region = demo.GetValue("Region", "sh")!,
            Ambulances = demo.GetValue("Ambulances", 12),
            Wearables = demo.GetValue("Wearables", 40),
            // Demo:EcgAmbulances: the monitors that stream a live 12-lead ECG (default: every ambulance).
            EcgAmbulances = demo.GetValue("EcgAmbulances", demo.GetValue("Ambulances", 12)),
        };
        options = options with { Credentials = ProvisionFleet(options) };
        logger.LogWarning("DEMO MODE: simulating {Ambulances} ambulances and {Wearables} wearables in region {Region}. Open {Urls}/?region={Region}",
            options.Ambulances, options.Wearables, options.Region, configuration["Urls"], options.Region);
        try
        {
            var summary = await new Simulation().RunAsync(options, progress: null, stoppingToken);
            logger.LogInformation("Demo simulation ended: {Summary}", summary);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>
    /// Gives every simulated device its own generated secret, known to this process only (never in the registry file),
    /// so the demo fleet logs in, and is held to its topics and rate, like real devices.
    /// </summary>
    private Dictionary<string, string> ProvisionFleet(SimulationOptions options)
    {
        var now = time.GetUtcNow();
        var secrets = new Dictionary<string, string>(StringComparer.Ordinal);
        var records = new List<DeviceRecord>();
        foreach (var (ids, kind) in new[] { (FleetDeviceIds.Ambulances(options), DeviceKind.Ambulance), (FleetDeviceIds.Wearables(options), DeviceKind.Wearable) })
        {
            foreach (var id in ids)
            {
                var secret = DeviceSecret.Generate();
                secrets[id] = secret;
                records.Add(new DeviceRecord { Id = id, Kind = kind, Region = options.Region, SecretHash = DeviceSecret.Hash(secret), CreatedAt = now });
            }
        }
        var clashes = registry.ProvisionInMemory(records);
        if (clashes.Count > 0)
        {
            logger.LogWarning("Demo devices {DeviceIds} are in the device registry file: they log in with the file's credentials, which the demo does not have",
                string.Join(", ", clashes));
        }
        logger.LogInformation("Demo fleet: {Count} devices provisioned in memory with their own secrets", records.Count);
        return secrets;
    }
}

public static class DemoExtensions
{
    /// <summary>
    /// Turns a bare <c>--demo</c> switch into <c>Demo:Enabled=true</c> and adds the simulator when set.
    /// (<c>--demo</c> also means <c>Security:Development=true</c>: set by the people-security set-up, which runs first.)
    /// </summary>
    public static WebApplicationBuilder AddDemoSimulation(this WebApplicationBuilder builder, string[] args)
    {
        if (args.Contains("--demo", StringComparer.Ordinal))
        {
            builder.Configuration.AddInMemoryCollection([new("Demo:Enabled", "true")]);
        }
        if (builder.Configuration.GetValue("Demo:Enabled", false))
        {
            builder.Services.AddHostedService<DemoSimulation>();
        }
        return builder;
    }
}
