using System.Buffers;
using System.Collections.Immutable;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using Emergency.Domain.Devices;
using Emergency.Domain.Vitals;
using Emergency.Grains.Devices;
using Emergency.Ingest.Decoding;
using Emergency.Ingest.Journaling;
using Emergency.Journal;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Emergency.Ingest.Recovery;

/// <summary>
/// At start-up, before any device frame is taken, re-applies the ingest journal from the snapshot checkpoint to the
/// grains: grain state = last snapshot + journal since. Idempotent: every grain skips what its snapshot already holds
/// (patients by source device and seq, ambulances by their own seq). Alerts are judged at each frame's original
/// arrival time. A failing replay is retried; devices wait (unacknowledged) meanwhile, nothing is dropped.
/// </summary>
public sealed class JournalReplay(
    JournalHost journal,
    IGrainFactory grains,
    RecoveryStatus status,
    IMeterFactory meterFactory,
    ILogger<JournalReplay> logger) : IHostedService
{
    /// <summary>The journal cursor of the snapshot checkpoint; retention keeps everything after it.</summary>
    public const string CursorName = "snapshots";

    private const int BatchRecords = 4096;
    private readonly CancellationTokenSource _stopping = new();
    private Task? _run;
    private long _replayed;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var meter = meterFactory.Create("Emergency.Ingest.Recovery");
        meter.CreateObservableCounter("emergency.recovery.replayed_frames", () => Volatile.Read(ref _replayed));
        var cursors = journal.Journal.Cursors;
        await cursors.RegisterAsync(CursorName, cancellationToken);
        status.Checkpoint = cursors.Get(CursorName);
        status.FromPosition = status.Checkpoint;
        status.ToPosition = journal.Journal.Writer.LastDurablePosition;
        // In the background so the host answers (readiness: recovering) while it runs.
        _run = Task.Run(() => RunUntilDone(_stopping.Token), CancellationToken.None);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        if (_run is { } run)
        {
            await run.WaitAsync(cancellationToken).ContinueWith(_ => { }, TaskScheduler.Default);
        }
    }

    private async Task RunUntilDone(CancellationToken ct)
    {
        var delay = TimeSpan.FromMilliseconds(500);
        while (!ct.IsCancellationRequested)
        {
            var watch = Stopwatch.StartNew();
            try
            {
                var frames = await Replay(status.FromPosition, status.ToPosition, ct);
                status.Done(watch.Elapsed);
                logger.LogInformation("Journal replay done: {Frames} frame(s) from position {From} to {To} in {Seconds:0.000} s",
                    frames, status.FromPosition, status.ToPosition, watch.Elapsed.TotalSeconds);
                return;
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                status.LastError = ex.Message;
                logger.LogError(ex, "Journal replay failed; retrying in {Delay} (devices wait unacknowledged)", delay);
                await Task.Delay(delay, ct).ContinueWith(_ => { }, TaskScheduler.Default);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, TimeSpan.FromSeconds(10).Ticks));
            }
        }
    }

    private async Task<long> Replay(long from, long to, CancellationToken ct)
    {
        using var reader = journal.Journal.CreateReader();
        var position = Math.Max(from, reader.FirstPosition);
        long total = 0;
        while (position < to)
        {
            var batch = await reader.ReadBatchAsync(position, BatchRecords, ct);
            if (batch.Records.Count == 0)
            {
                break;
            }
            var records = batch.Records.Where(r => r.Position < to).Select(r => FrameRecord.Decode(r.Payload)).ToList();
            total += await ApplyBatch(records);
            position = batch.NextPosition;
        }
        return total;
    }

    /// <summary>Each device's frames in journal order; devices side by side.</summary>
    private async Task<long> ApplyBatch(List<FrameRecord> records)
    {
        var applied = records.Where(r => r.Outcome is FrameOutcome.Applied or FrameOutcome.GapFilled).ToList();
        status.AddSkipped(records.Count - applied.Count);
        await Task.WhenAll(applied.GroupBy(r => (r.Kind, r.DeviceId)).Select(ApplyDevice));
        Interlocked.Add(ref _replayed, applied.Count);
        status.AddReplayed(applied.Count);
        return applied.Count;
    }

    private async Task ApplyDevice(IGrouping<(DeviceKind Kind, string DeviceId), FrameRecord> device)
    {
        IDeviceVitalsGrain vitalsGrain = device.Key.Kind == DeviceKind.Ambulance
            ? grains.GetGrain<IAmbulanceGrain>(device.Key.DeviceId)
            : grains.GetGrain<IWearableGrain>(device.Key.DeviceId);
        var vitals = ImmutableArray.CreateBuilder<VitalsFrame>();
        var receivedAt = ImmutableArray.CreateBuilder<DateTimeOffset>();
        var region = "";
        async Task FlushVitals()
        {
            if (vitals.Count > 0)
            {
                await vitalsGrain.ReplayVitals(region, vitals.ToImmutable(), receivedAt.ToImmutable());
                vitals.Clear();
                receivedAt.Clear();
            }
        }
        foreach (var record in device)
        {
            var payload = new ReadOnlySequence<byte>(record.Payload);
            if (record.Channel == TopicChannel.Vitals)
            {
                if (region != record.Region) await FlushVitals();
                region = record.Region;
                if (VitalsFrameDecoder.TryDecode(payload, out var frame, out _, int.MaxValue))
                {
                    vitals.Add(frame! with { PatientId = record.PatientId });
                    receivedAt.Add(record.ReceivedAt);
                }
                continue;
            }
            await FlushVitals();
            var unit = grains.GetGrain<IAmbulanceGrain>(record.DeviceId);
            switch (record.Channel)
            {
                case TopicChannel.Position when PositionFrameDecoder.TryDecode(payload, out var position, out _, int.MaxValue):
                    await unit.ApplyPosition(record.Region, position!);
                    break;
                case TopicChannel.Status when StatusFrameDecoder.TryDecode(payload, out var state, out _, int.MaxValue):
                    await unit.ApplyStatus(record.Region, state!);
                    break;
                case TopicChannel.Context when ContextFrameDecoder.TryDecode(payload, out var context, out _, int.MaxValue):
                    await unit.ApplyContext(record.Region, context!);
                    break;
            }
        }
        await FlushVitals();
    }
}
