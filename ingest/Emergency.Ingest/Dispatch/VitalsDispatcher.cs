using System.Collections.Immutable;
using System.Threading.Channels;
using Emergency.Domain.Devices;
using Emergency.Domain.Vitals;
using Emergency.Grains.Devices;
using Emergency.Ingest.Decoding;
using Emergency.Ingest.Hosting;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Emergency.Ingest.Dispatch;

/// <summary>
/// Hands vitals frames to device grains in batches: whatever arrived while the previous round was in flight goes
/// out together, one grain call per device, so the hot path has no round trip per message. Each caller awaits its
/// own frame's verdict, so a device's PUBACK still means "applied".
/// </summary>
public sealed class VitalsDispatcher : BackgroundService
{
    private readonly Channel<PendingFrame> _queue;
    private readonly IGrainFactory _grains;
    private readonly MqttIngestOptions _options;
    private readonly ILogger<VitalsDispatcher> _logger;

    public VitalsDispatcher(IGrainFactory grains, IOptions<MqttIngestOptions> options, ILogger<VitalsDispatcher> logger)
    {
        _grains = grains;
        _options = options.Value;
        _logger = logger;
        // Full queue: writers wait (the device waits for its PUBACK). Nothing is dropped.
        _queue = Channel.CreateBounded<PendingFrame>(new BoundedChannelOptions(_options.QueueCapacity)
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
    }

    /// <summary>Queues a frame and completes when its device grain has judged it.</summary>
    public async ValueTask<FrameVerdict> Submit(DeviceTopic topic, VitalsFrame frame, CancellationToken cancellationToken)
    {
        var pending = new PendingFrame(topic, frame);
        await _queue.Writer.WriteAsync(pending, cancellationToken);
        return await pending.Verdict.Task.WaitAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var rounds = new SemaphoreSlim(_options.MaxConcurrentBatches);
        var reader = _queue.Reader;
        try
        {
            while (await reader.WaitToReadAsync(stoppingToken))
            {
                var batch = new List<PendingFrame>();
                while (batch.Count < _options.MaxBatch && reader.TryRead(out var item))
                {
                    batch.Add(item);
                }
                await rounds.WaitAsync(stoppingToken);
                _ = DispatchRound(batch).ContinueWith(_ => rounds.Release(), TaskScheduler.Default);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        // Whatever is still queued was never applied: fail it so the devices are not acknowledged and resend.
        while (reader.TryRead(out var left))
        {
            left.Verdict.TrySetException(new OperationCanceledException("ingest is stopping"));
        }
    }

    private async Task DispatchRound(List<PendingFrame> batch)
    {
        var byDevice = batch.GroupBy(p => (p.Topic.Kind, p.Topic.DeviceId, p.Topic.Region));
        await Task.WhenAll(byDevice.Select(DispatchDevice));
    }

    private async Task DispatchDevice(IGrouping<(DeviceKind Kind, string DeviceId, string Region), PendingFrame> group)
    {
        var items = group.ToList();
        try
        {
            IDeviceVitalsGrain grain = group.Key.Kind == DeviceKind.Ambulance
                ? _grains.GetGrain<IAmbulanceGrain>(group.Key.DeviceId)
                : _grains.GetGrain<IWearableGrain>(group.Key.DeviceId);
            var verdicts = await grain.ApplyVitals(group.Key.Region, items.Select(i => i.Frame).ToImmutableArray());
            for (var i = 0; i < items.Count; i++)
            {
                items[i].Verdict.TrySetResult(verdicts[i]);
            }
        }
        catch (Exception ex)
        {
            _logger.LogError(ex, "Could not apply {Count} vitals frame(s) from {Kind} {DeviceId}; the device will resend",
                items.Count, group.Key.Kind.ToCode(), group.Key.DeviceId);
            foreach (var item in items)
            {
                item.Verdict.TrySetException(ex);
            }
        }
    }

    private sealed class PendingFrame(DeviceTopic topic, VitalsFrame frame)
    {
        public DeviceTopic Topic { get; } = topic;
        public VitalsFrame Frame { get; } = frame;
        public TaskCompletionSource<FrameVerdict> Verdict { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
