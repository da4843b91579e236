using System.Collections.Concurrent;
using System.Text;

namespace Emergency.Ingest.Decoding;

/// <summary>
/// The id strings of frames (region, device id, patient id), one instance per distinct id: the same few hundred
/// thousand ids arrive again every second, so looking the characters up instead of allocating a new string for each
/// frame takes three allocations off every frame. Bounded: past <see cref="Capacity"/> distinct ids a new id is
/// still returned, just not kept, so a flood of random ids cannot grow memory.
/// </summary>
public static class IdPool
{
    /// <summary>Distinct ids kept at most (a city: ~1,000 ambulances, ~100,000 wearables and their patients).</summary>
    public const int Capacity = 500_000;

    private static readonly ConcurrentDictionary<string, string> Ids = new(StringComparer.Ordinal);
    private static readonly ConcurrentDictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> BySpan =
        Ids.GetAlternateLookup<ReadOnlySpan<char>>();

    public static int Count => Ids.Count;

    public static string Get(ReadOnlySpan<char> id)
    {
        if (BySpan.TryGetValue(id, out var known))
        {
            return known;
        }
        var created = id.ToString();
        return Ids.Count < Capacity ? Ids.GetOrAdd(created, created) : created;
    }

    /// <summary>The same for an id as ASCII bytes (every character the id rule allows is one byte).</summary>
    public static string Get(ReadOnlySpan<byte> ascii)
    {
        Span<char> chars = stackalloc char[DeviceIds.MaxLength];
        if (ascii.Length > chars.Length)
        {
            return Encoding.ASCII.GetString(ascii);
        }
        var length = Encoding.ASCII.GetChars(ascii, chars);
        return Get(chars[..length]);
    }
}
