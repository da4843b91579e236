using Emergency.Grains.Persistence;
using Emergency.Ingest.Journaling;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Emergency.Ingest.Recovery;

/// <summary>
/// Every <c>Persistence:SnapshotInterval</c>: notes the journal's durable end, has every grain that changed write its
/// snapshot, and, if all of them were stored, moves the <c>snapshots</c> checkpoint to the noted end. That is sound
/// because a frame is applied to its grains before it is journaled: every frame before the noted end has already
/// marked its grains dirty. A failed write leaves the checkpoint where it was (the grain stays dirty and is retried);
/// a write lost on deactivation holds it back until a restart replays from it.
/// </summary>
public sealed class SnapshotRounds(
    JournalHost journal,
    IGrainFactory grains,
    IDirtyGrains dirtyGrains,
    RecoveryStatus status,
    IOptions<PersistenceOptions> options,
    TimeProvider time,
    ILogger<SnapshotRounds> logger) : BackgroundService
{
    private readonly PersistenceOptions _options = options.Value;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await status.Replayed.WaitAsync(stoppingToken);
            using var timer = new PeriodicTimer(_options.SnapshotInterval, time);
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    await Round(stoppingToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
                {
                    // The checkpoint stays behind (a longer replay after a crash), the host keeps running.
                    status.LastError = $"snapshot round: {ex.Message}";
                    logger.LogError(ex, "Snapshot round failed; the checkpoint stays at {Checkpoint}", status.Checkpoint);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        if (!status.Recovering)
        {
            // A clean stop: store everything so the next start has little to replay.
            await Round(cancellationToken);
        }
    }

    /// <summary>One snapshot round; returns whether the checkpoint moved.</summary>
    public async Task<bool> Round(CancellationToken cancellationToken)
    {
        var end = journal.Journal.Writer.LastDurablePosition;
        var dirty = dirtyGrains.TakeAll();
        var failed = 0;
        await Parallel.ForEachAsync(dirty, new ParallelOptions
        {
            MaxDegreeOfParallelism = _options.SnapshotConcurrency,
            CancellationToken = cancellationToken,
        }, async (grain, _) =>
        {
            try
            {
                await grains.GetGrain<ISnapshotGrain>(grain).FlushSnapshot();
            }
            catch (Exception ex)
            {
                Interlocked.Increment(ref failed);
                dirtyGrains.MarkDirty(grain);
                logger.LogWarning("Snapshot of {Grain} failed; retried next round, checkpoint held: {Error}", grain, ex.Message);
            }
        });
        if (failed > 0 || dirtyGrains.Counters.Lost > 0 || end <= status.Checkpoint)
        {
            return false;
        }
        await journal.Journal.Cursors.CommitAsync(JournalReplay.CursorName, end, cancellationToken);
        status.Checkpoint = end;
        status.CheckpointAt = time.GetUtcNow();
        status.LastError = null;
        return true;
    }
}
