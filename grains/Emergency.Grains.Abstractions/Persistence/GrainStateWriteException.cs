namespace Emergency.Grains.Persistence;

/// <summary>
/// A change could not be stored, so it was not made: the grain's memory is as it was before the call. Safe to retry.
/// The API answers it with 503.
/// </summary>
[GenerateSerializer, Alias("Emergency.GrainStateWriteException")]
public sealed class GrainStateWriteException : Exception
{
    public GrainStateWriteException()
    {
    }

    public GrainStateWriteException(string message)
        : base(message)
    {
    }

    public GrainStateWriteException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
