namespace Emergency.Ingest.Journaling;

/// <summary>Where accepted frames are made durable before their devices are acknowledged.</summary>
public interface IFrameJournal
{
    /// <summary>Appends encoded <see cref="FrameRecord"/>s; completes once every one of them is durable.</summary>
    ValueTask AppendAsync(IReadOnlyList<ReadOnlyMemory<byte>> records, CancellationToken cancellationToken);
}
