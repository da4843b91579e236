namespace Emergency.Journal;

/// <summary>
/// One caller's append (one record, or several written back to back) waiting in the writer's queue. Completes with
/// the position of its first record once every record of it is durable.
/// </summary>
internal sealed class PendingAppend
{
    private readonly ReadOnlyMemory<byte> _single;
    private readonly ReadOnlyMemory<byte>[]? _many;

    public PendingAppend(ReadOnlyMemory<byte> payload)
    {
        _single = payload;
        Count = 1;
        PayloadBytes = payload.Length;
    }

    public PendingAppend(ReadOnlyMemory<byte>[] payloads, long payloadBytes)
    {
        _many = payloads;
        Count = payloads.Length;
        PayloadBytes = payloadBytes;
    }

    public int Count { get; }

    public long PayloadBytes { get; }

    public long RecordBytes => PayloadBytes + (long)Count * JournalFormat.HeaderBytes;

    public ReadOnlyMemory<byte> this[int index] => _many is null ? _single : _many[index];

    /// <summary>Set by the writer when it places the first record.</summary>
    public long FirstPosition { get; set; } = -1;

    public TaskCompletionSource<long> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}
