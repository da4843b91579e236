using Emergency.Grains.Persistence;

namespace Emergency.Ingest.Recovery;

/// <summary>
/// Where start-up recovery stands: frames are taken from devices only once the journal has been replayed into the
/// grains. Readiness shows it (<c>recovering</c> until done) with the replay's figures and the snapshot checkpoint.
/// </summary>
public sealed class RecoveryStatus(IDirtyGrains dirtyGrains)
{
    private readonly TaskCompletionSource _replayed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _replayedFrames;
    private long _skippedFrames;

    public bool Recovering => !_replayed.Task.IsCompleted;

    /// <summary>Completes once the journal since the checkpoint is in the grains.</summary>
    public Task Replayed => _replayed.Task;

    public long FromPosition { get; internal set; }
    public long ToPosition { get; internal set; }
    public TimeSpan? ReplayDuration { get; private set; }
    public string? LastError { get; internal set; }

    /// <summary>The journal position up to which every frame's effect is in stored snapshots.</summary>
    public long Checkpoint { get; internal set; }
    public DateTimeOffset? CheckpointAt { get; internal set; }

    internal void AddReplayed(long frames) => Interlocked.Add(ref _replayedFrames, frames);
    internal void AddSkipped(long frames) => Interlocked.Add(ref _skippedFrames, frames);

    internal void Done(TimeSpan duration)
    {
        ReplayDuration = duration;
        LastError = null;
        _replayed.TrySetResult();
    }

    public RecoveryReport Report()
    {
        var counters = dirtyGrains.Counters;
        return new RecoveryReport(
            Recovering ? "recovering" : "done",
            Volatile.Read(ref _replayedFrames), Volatile.Read(ref _skippedFrames),
            ReplayDuration is { } d ? Math.Round(d.TotalSeconds, 3) : null,
            FromPosition, ToPosition, Checkpoint, CheckpointAt,
            counters.Writes, counters.Failures, counters.Lost, LastError);
    }
}

/// <summary>Start-up replay and snapshot figures as <c>/health/ready</c> shows them.</summary>
public sealed record RecoveryReport(
    string Status,
    long ReplayedFrames,
    long SkippedFrames,
    double? ReplaySeconds,
    long ReplayFrom,
    long ReplayTo,
    long Checkpoint,
    DateTimeOffset? CheckpointAt,
    long SnapshotWrites,
    long SnapshotFailures,
    long SnapshotsLost,
    string? LastError);
