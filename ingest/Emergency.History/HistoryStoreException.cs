namespace Emergency.History;

/// <summary>
/// The history store could not complete an operation now: the database is unreachable, timing out, failing,
/// refusing the credentials, or (for writes without a dead-letter file) rejecting a line.
/// For a write nothing was dropped: the caller must not advance past the batch and should write it again later.
/// </summary>
public sealed class HistoryStoreException : Exception
{
    public HistoryStoreException(string message) : base(message)
    {
    }

    public HistoryStoreException(string message, Exception? innerException) : base(message, innerException)
    {
    }

    /// <summary>The database answered and refused the request (as opposed to not answering or failing).</summary>
    internal bool Refused { get; init; }
}
