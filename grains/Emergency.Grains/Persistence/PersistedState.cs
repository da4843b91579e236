using Orleans.Serialization;

namespace Emergency.Grains.Persistence;

/// <summary>
/// A grain's persisted state and how it is kept in step with the grain's memory. Vitals-derived changes only mark
/// the grain dirty (the snapshot round or deactivation writes them); actions people take are written through before
/// they count: if that write fails, the grain's memory is put back as it was before the action and the call fails.
/// </summary>
/// <param name="capture">Builds the state to store from the grain's memory.</param>
/// <param name="restore">Puts the grain's memory back from a captured state.</param>
public sealed class PersistedState<T>(
    IPersistentState<T> store,
    IDirtyGrains dirtyGrains,
    DeepCopier copier,
    GrainId grainId,
    Func<T> capture,
    Action<T> restore)
{
    private bool _dirty;

    /// <summary>Whether a stored state was found at activation.</summary>
    public bool Exists => store.RecordExists;

    /// <summary>The state as last read or written.</summary>
    public T Stored => store.State;

    /// <summary>Memory moved ahead of the store: the next snapshot round writes it.</summary>
    public void Changed()
    {
        if (!_dirty)
        {
            _dirty = true;
            dirtyGrains.MarkDirty(grainId);
        }
    }

    /// <summary>Writes the state if it changed since the last write.</summary>
    public Task Flush() => _dirty ? Write(lost: false) : Task.CompletedTask;

    /// <summary>
    /// Runs <paramref name="action"/> on the grain's memory and writes the result through. On a failed write the
    /// memory is restored to what it was before the action and <see cref="GrainStateWriteException"/> is thrown.
    /// </summary>
    public async Task<TResult> WriteThrough<TResult>(Func<TResult> action)
    {
        var before = copier.Copy(capture())!;
        var result = action();
        try
        {
            await Write(lost: false);
        }
        catch (Exception ex)
        {
            restore(before);
            // Only the message crosses to the caller: the store's own exception types need not be serializable.
            throw new GrainStateWriteException($"{grainId}: the change could not be stored and was not made ({ex.GetType().Name}: {ex.Message})");
        }
        return result;
    }

    /// <summary>On deactivation: a failed write here is lost to this process and waits for a journal replay.</summary>
    public async Task FlushOnDeactivation()
    {
        if (!_dirty)
        {
            return;
        }
        try
        {
            await Write(lost: true);
        }
        catch
        {
            // Counted as lost; the checkpoint stays behind so a restart replays these frames.
        }
    }

    private async Task Write(bool lost)
    {
        store.State = capture();
        try
        {
            await store.WriteStateAsync();
        }
        catch
        {
            dirtyGrains.Failed(lost);
            _dirty = true;
            dirtyGrains.MarkDirty(grainId);
            throw;
        }
        _dirty = false;
        dirtyGrains.Written();
    }
}
