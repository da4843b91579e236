using System.Buffers;
using System.Collections.Immutable;
using System.Threading.Channels;
using Emergency.Domain.Ambulances;
using Emergency.Domain.Devices;
using Emergency.Domain.Patients;
using Emergency.Domain.Vitals;
using Emergency.Grains.Devices;
using Emergency.Ingest.Decoding;
using Emergency.Ingest.Hosting;
using Emergency.Ingest.Journaling;
using Emergency.Ingest.Recovery;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Emergency.Ingest.Dispatch;

/// <summary>
/// Hands decoded frames to their grains in rounds: whatever arrived while the previous round was in flight goes
/// out together, one grain call per device for vitals. The round then appends every accepted frame to the journal
/// in one group commit, and only then completes the callers, so a device's PUBACK means applied and durable.
/// </summary>
public sealed class FrameDispatcher : BackgroundService
{
    private readonly Channel<PendingFrame> _queue;
    private readonly IGrainFactory _grains;
    private readonly IFrameJournal _journal;
    private readonly TimeProvider _time;
    private readonly MqttIngestOptions _options;
    private readonly ILogger<FrameDispatcher> _logger;
    private readonly RecoveryStatus? _recovery;

    public FrameDispatcher(IGrainFactory grains, IFrameJournal journal, TimeProvider time,
        IOptions<MqttIngestOptions> options, ILogger<FrameDispatcher> logger, RecoveryStatus? recovery = null)
    {
        _recovery = recovery;
        _grains = grains;
        _journal = journal;
        _time = time;
        _options = options.Value;
        _logger = logger;
        // Full queue: writers wait (the device waits for its PUBACK). Nothing is dropped.
        _queue = Channel.CreateBounded<PendingFrame>(new BoundedChannelOptions(_options.QueueCapacity)
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
    }

    /// <summary>
    /// Queues a decoded frame (a <see cref="VitalsFrame"/>, <see cref="PositionFrame"/>, <see cref="StatusFrame"/> or
    /// <see cref="ContextFrame"/>)
    /// with its payload bytes, and completes when it is judged and, if accepted, durable. The payload must stay
    /// valid until then.
    /// </summary>
    public async ValueTask<FrameVerdict> Submit(DeviceTopic topic, object frame, ReadOnlySequence<byte> payload, CancellationToken cancellationToken)
    {
        var pending = new PendingFrame(topic, frame, payload, _time.GetUtcNow());
        await _queue.Writer.WriteAsync(pending, cancellationToken);
        return await pending.Verdict.Task.WaitAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var rounds = new SemaphoreSlim(_options.MaxConcurrentBatches);
        var reader = _queue.Reader;
        try
        {
            if (_recovery is { } recovery)
            {
                // Nothing new is applied before the journal since the last snapshot is back in the grains; devices
                // wait for their PUBACK meanwhile (the queue is bounded, nothing is dropped).
                await recovery.Replayed.WaitAsync(stoppingToken);
            }
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
        var vitals = batch.Where(p => p.Frame is VitalsFrame).GroupBy(p => (p.Topic.Kind, p.Topic.DeviceId, p.Topic.Region));
        var others = batch.Where(p => p.Frame is not VitalsFrame);
        await Task.WhenAll(vitals.Select(JudgeVitals).Concat(others.Select(JudgeOne)));

        var accepted = batch.Where(p => p.Judged is { Outcome: not FrameOutcome.Refused }).ToList();
        if (accepted.Count > 0)
        {
            try
            {
                await _journal.AppendAsync(accepted.Select(p => (ReadOnlyMemory<byte>)p.ToRecord().Encode()).ToList(), CancellationToken.None);
            }
            catch (Exception ex)
            {
                _logger.LogError(ex, "Could not journal {Count} accepted frame(s); not acknowledged, the devices will resend", accepted.Count);
                accepted.ForEach(p => p.Verdict.TrySetException(ex));
                return;
            }
        }
        foreach (var item in batch)
        {
            if (item.Judged is { } verdict) item.Verdict.TrySetResult(verdict);
        }
    }

    private async Task JudgeVitals(IGrouping<(DeviceKind Kind, string DeviceId, string Region), PendingFrame> group)
    {
        var items = group.ToList();
        try
        {
            IDeviceVitalsGrain grain = group.Key.Kind == DeviceKind.Ambulance
                ? _grains.GetGrain<IAmbulanceGrain>(group.Key.DeviceId)
                : _grains.GetGrain<IWearableGrain>(group.Key.DeviceId);
            var verdicts = await grain.ApplyVitals(group.Key.Region, items.Select(i => (VitalsFrame)i.Frame).ToImmutableArray());
            for (var i = 0; i < items.Count; i++)
            {
                items[i].Judged = verdicts[i];
            }
        }
        catch (Exception ex)
        {
            Fail(items, ex);
        }
    }

    private async Task JudgeOne(PendingFrame item)
    {
        try
        {
            var unit = _grains.GetGrain<IAmbulanceGrain>(item.Topic.DeviceId);
            item.Judged = item.Frame switch
            {
                PositionFrame position => await unit.ApplyPosition(item.Topic.Region, position),
                StatusFrame status => (await unit.ApplyStatus(item.Topic.Region, status)).For(status.PatientId),
                ContextFrame context => await unit.ApplyContext(item.Topic.Region, context),
                _ => throw new InvalidOperationException($"no grain takes {item.Frame.GetType().Name}"),
            };
        }
        catch (Exception ex)
        {
            Fail([item], ex);
        }
    }

    private void Fail(List<PendingFrame> items, Exception ex)
    {
        _logger.LogError(ex, "Could not apply {Count} frame(s) from {Kind} {DeviceId}; not acknowledged, the device will resend",
            items.Count, items[0].Topic.Kind.ToCode(), items[0].Topic.DeviceId);
        items.ForEach(i => i.Verdict.TrySetException(ex));
    }

    private sealed class PendingFrame(DeviceTopic topic, object frame, ReadOnlySequence<byte> payload, DateTimeOffset receivedAt)
    {
        public DeviceTopic Topic { get; } = topic;
        public object Frame { get; } = frame;
        public FrameVerdict? Judged { get; set; }
        public TaskCompletionSource<FrameVerdict> Verdict { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public FrameRecord ToRecord() => new(
            Topic.Channel, Topic.Kind, Topic.Region, Topic.DeviceId, Judged!.Value.PatientId,
            Frame switch { VitalsFrame v => v.Seq, PositionFrame p => p.Seq, StatusFrame s => s.Seq, ContextFrame c => c.Seq, _ => -1 },
            receivedAt, Judged.Value.Outcome, payload.ToArray());
    }
}
