namespace Emergency.Domain.Devices;

/// <summary>An inclusive range of sequence numbers, <paramref name="From"/> ≤ <paramref name="To"/>.</summary>
[GenerateSerializer, Immutable, Alias("Emergency.SeqRange")]
public readonly record struct SeqRange(
    [property: Id(0)] long From,
    [property: Id(1)] long To)
{
    /// <summary>How many sequence numbers the range holds.</summary>
    public long Count => To - From + 1;

    public bool Contains(long seq) => seq >= From && seq <= To;
}
