using Emergency.DeviceSim.Fleet;
using Emergency.DeviceSim.Physiology;
using Emergency.DeviceSim.Transport;
using MQTTnet;

namespace Emergency.DeviceSim;

/// <summary>
/// Runs simulated ambulances and wearables against an MQTT broker. Embeddable: the service host can run it
/// in-process (demo mode); the console program is a thin wrapper around <see cref="RunAsync"/>.
/// </summary>
public sealed class Simulation
{
    private readonly TimeProvider _time;
    private readonly Func<LinkRequest, IDeviceLink> _linkFactory;
    private readonly Func<LinkRequest, IDeviceLink> _ecgLinkFactory = request => new EcgSocketLink(request);

    /// <summary>A simulation publishing over MQTT 5, one connection per device (client id = device id).</summary>
    public Simulation()
        : this(TimeProvider.System, linkFactory: null)
    {
    }

    internal Simulation(TimeProvider time, Func<LinkRequest, IDeviceLink>? linkFactory)
    {
        _time = time;
        if (linkFactory is null)
        {
            var factory = new MqttClientFactory();
            _linkFactory = request => new MqttDeviceLink(factory, request);
        }
        else
        {
            _linkFactory = linkFactory;
        }
    }

    /// <summary>
    /// Runs until <see cref="SimulationOptions.Duration"/> has passed or <paramref name="cancellationToken"/> fires,
    /// then gives connected devices up to <see cref="SimulationOptions.DrainTimeout"/> to publish what they hold,
    /// disconnects and returns the summary. Cancellation is the normal way to stop and does not throw.
    /// </summary>
    /// <exception cref="ArgumentException">The options are invalid (see <see cref="SimulationOptions.GetErrors"/>).</exception>
    public async Task<SimulationSummary> RunAsync(
        SimulationOptions options,
        IProgress<SimulationProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();

        var seed = options.Seed ?? Random.Shared.Next();
        var random = new Random(SimRandom.DeriveSeed(seed, 0, salt: 3));
        var devices = FleetBuilder.Build(options, seed);
        var counters = new SimulationCounters();
        var ecgCounters = new SimulationCounters();

        using var connectGate = new SemaphoreSlim(options.MaxConcurrentConnects);
        using var stopping = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var abort = new CancellationTokenSource();

        var runners = new DeviceRunner[devices.Count];
        var ecgRunners = new List<DeviceRunner>();
        for (var i = 0; i < runners.Length; i++)
        {
            var device = devices[i];
            var request = new LinkRequest(options, device.Id, device.Topics, reason => counters.AddRefusal(reason, byBroker: false));
            var link = _linkFactory(request);
            DeviceRunner? ecgRunner = null;
            if (options.EcgTransport == EcgTransport.Socket && device is Ambulance { Ecg: not null })
            {
                ecgRunner = new DeviceRunner(device, _ecgLinkFactory(request), options, ecgCounters, connectGate, _time, new Random(random.Next()));
                ecgRunners.Add(ecgRunner);
            }

            runners[i] = new DeviceRunner(device, link, options, counters, connectGate, _time, new Random(random.Next())) { EcgRunner = ecgRunner };
        }

        var startedAt = _time.GetTimestamp();
        var start = _time.GetUtcNow();
        using var duration = options.Duration is { } d ? new CancellationTokenSource(d, _time) : null;
        using var durationElapsed = duration?.Token.Register(stopping.Cancel);
        SimulationProgress Snapshot() => new(
            _time.GetElapsedTime(startedAt),
            runners.Length,
            counters.Connected,
            counters.Generated,
            counters.Sent,
            counters.Acknowledged,
            counters.Refused,
            runners.Sum(r => (long)r.Buffer.Count),
            runners.Sum(r => r.Buffer.Dropped),
            counters.CurrentConnectError,
            options.EcgTransport == EcgTransport.Socket
                ? new EcgSocketProgress(
                    ecgCounters.Connected,
                    ecgCounters.Sent,
                    ecgCounters.Acknowledged,
                    ecgCounters.Refused,
                    ecgCounters.ConnectFailures,
                    ecgCounters.Reconnects,
                    ecgRunners.Sum(r => (long)r.Buffer.Count),
                    ecgRunners.Sum(r => r.Buffer.Dropped))
                : null);

        Task[] senders = [];
        SimulationProgress final;
        using var reporting = new CancellationTokenSource();
        var reporter = progress is null ? Task.CompletedTask : ReportAsync(progress, Snapshot, options.ProgressInterval, reporting.Token);
        try
        {
            // Random start offsets within one interval spread the devices' frames over time instead of bursts.
            var producers = runners
                .Select(r => r.ProduceAsync(start + r.Device.TickInterval * random.NextDouble(), stopping.Token))
                .ToArray();
            senders = [.. runners.Concat(ecgRunners).Select(r => r.SendAsync(stopping.Token, abort.Token))];

            await Task.WhenAll(producers).ConfigureAwait(false);
            using var drain = new CancellationTokenSource(options.DrainTimeout, _time);
            using var drainElapsed = drain.Token.Register(abort.Cancel);
            await Task.WhenAll(senders).ConfigureAwait(false);
        }
        finally
        {
            await stopping.CancelAsync().ConfigureAwait(false);
            await abort.CancelAsync().ConfigureAwait(false);
            try
            {
                await Task.WhenAll(senders).ConfigureAwait(false);
                await reporting.CancelAsync().ConfigureAwait(false);
                await reporter.ConfigureAwait(false);
                final = Snapshot();
            }
            finally
            {
                // Always close the connections, also when something above failed.
                await Task.WhenAll(runners.Concat(ecgRunners).Select(r => r.Link.DisposeAsync().AsTask())).ConfigureAwait(false);
            }
        }

        progress?.Report(final);
        var unsent = runners.Sum(r => (long)r.Buffer.Clear());
        var ecgUnsent = ecgRunners.Sum(r => (long)r.Buffer.Clear());

        return new SimulationSummary
        {
            Seed = seed,
            Ambulances = options.Ambulances,
            Wearables = options.Wearables,
            Duration = final.Elapsed,
            DevicesConnected = counters.DevicesConnected,
            Generated = counters.Generated,
            Sent = counters.Sent,
            Acknowledged = counters.Acknowledged,
            RefusedByBroker = counters.RefusedByBroker,
            RejectsReceived = counters.RejectsReceived,
            TopRefusalReasons = counters.TopReasons(5),
            Dropped = final.Dropped,
            Unsent = unsent,
            Reconnects = counters.Reconnects,
            ConnectFailures = counters.ConnectFailures,
            LastConnectError = counters.LastConnectError,
            EcgSocket = final.EcgSocket is { } ecg ? ecg with { Buffered = ecgUnsent } : null,
            EcgSocketLastConnectError = ecgCounters.LastConnectError,
        };
    }

    private async Task ReportAsync(IProgress<SimulationProgress> progress, Func<SimulationProgress> snapshot, TimeSpan interval, CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(interval, _time);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
            {
                progress.Report(snapshot());
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }
}
