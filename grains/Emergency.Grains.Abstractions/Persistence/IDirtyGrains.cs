namespace Emergency.Grains.Persistence;

/// <summary>
/// The grains of this silo whose state changed since they last wrote it. The snapshot rounds take them from here;
/// a grain adds itself when its memory moves ahead of its store.
/// </summary>
public interface IDirtyGrains
{
    void MarkDirty(GrainId grain);

    /// <summary>Takes every grain marked so far; grains that change again afterwards are marked anew.</summary>
    IReadOnlyCollection<GrainId> TakeAll();

    /// <summary>Counts a snapshot write that succeeded.</summary>
    void Written();

    /// <summary>Counts a snapshot write that failed; <paramref name="lost"/> when the state cannot be written later
    /// (the activation was going away), which holds back the journal checkpoint until a restart replays it.</summary>
    void Failed(bool lost);

    PersistenceCounters Counters { get; }
}

/// <summary>Snapshot writes that succeeded, failed, and failed on deactivation (their changes wait for a replay).</summary>
public readonly record struct PersistenceCounters(long Writes, long Failures, long Lost);
