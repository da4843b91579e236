namespace Emergency.Ingest.Decoding;

/// <summary>Limits every frame decoder applies before and while reading a payload.</summary>
public static class FrameLimits
{
    /// <summary>Default largest payload accepted; larger ones are refused before any parsing.</summary>
    public const int DefaultMaxPayloadBytes = 64 * 1024;

    /// <summary>
    /// Deepest nesting accepted, counting the frame object itself as level 1. Only unknown fields can nest at all
    /// (known fields are scalars), so this bounds the work spent skipping junk.
    /// </summary>
    public const int MaxDepth = 16;

    /// <summary>Earliest accepted timestamp (inclusive): 2000-01-01T00:00:00Z.</summary>
    public static readonly DateTimeOffset MinTimestamp = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Latest accepted timestamp (exclusive): 2101-01-01T00:00:00Z, i.e. anything in the years 2000–2100.</summary>
    public static readonly DateTimeOffset EndTimestamp = new(2101, 1, 1, 0, 0, 0, TimeSpan.Zero);
}
