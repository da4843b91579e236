using Emergency.DeviceSim;
using Emergency.Ingest.Hosting;
using Microsoft.Extensions.Options;

namespace Emergency.Dashboard.Demo;

/// <summary>
/// With <c>--demo</c> (or <c>Demo:Enabled=true</c>) the host also runs the device simulator against its own
/// broker, so patients stream the moment it starts. Section <c>Demo</c>: Ambulances, Wearables, Region.
/// </summary>
public sealed class DemoSimulation(
    IHostApplicationLifetime lifetime,
    IOptions<MqttIngestOptions> mqtt,
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
        };
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
}

public static class DemoExtensions
{
    /// <summary>
    /// Turns a bare <c>--demo</c> switch into <c>Demo:Enabled=true</c> and <c>Security:Development=true</c> (the demo's
    /// simulated devices are not in the device registry), and adds the simulator when set.
    /// </summary>
    public static WebApplicationBuilder AddDemoSimulation(this WebApplicationBuilder builder, string[] args)
    {
        if (args.Contains("--demo", StringComparer.Ordinal))
        {
            builder.Configuration.AddInMemoryCollection([new("Demo:Enabled", "true"), new("Security:Development", "true")]);
        }
        if (builder.Configuration.GetValue("Demo:Enabled", false))
        {
            builder.Services.AddHostedService<DemoSimulation>();
        }
        return builder;
    }
}
