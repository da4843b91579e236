namespace Emergency.Grains.Persistence;

/// <summary>A grain whose vitals-derived state is snapshotted in rounds rather than written on every frame.</summary>
[Alias("Emergency.ISnapshotGrain")]
public interface ISnapshotGrain : IGrainWithStringKey
{
    /// <summary>Writes the grain's state if it changed since its last write; throws if the write fails.</summary>
    [Alias("FlushSnapshot")]
    Task FlushSnapshot();
}
