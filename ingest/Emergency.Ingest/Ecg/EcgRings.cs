using System.Collections.Concurrent;
using Emergency.Domain.Ecg;
using Emergency.Domain.Ecg.Wire;
using Microsoft.Extensions.Options;

namespace Emergency.Ingest.Ecg;

/// <summary>
/// The in-memory 60 s ring of every patient with a live ECG (<see cref="EcgRing"/>), outside Orleans state: samples
/// are far too many to persist per grain call, and the store and journal already hold them.
/// </summary>
public sealed class EcgRings(IOptions<EcgOptions> options)
{
    private readonly ConcurrentDictionary<string, EcgRing> _rings = new(StringComparer.Ordinal);
    private readonly TimeSpan _span = TimeSpan.FromSeconds(options.Value.RingSeconds);

    /// <summary>Adds a block; returns false for a resend, and the seq the device sent before it (if known).</summary>
    public bool Add(string patientId, string deviceId, EcgBlock block, out uint? previousSeq)
    {
        var ring = _rings.GetOrAdd(patientId, _ => new EcgRing(_span));
        lock (ring)
        {
            previousSeq = ring.Blocks.LastOrDefault(b => b.DeviceId == deviceId)?.Block.Seq;
            return ring.Add(deviceId, block);
        }
    }

    public IReadOnlyList<EcgStoredBlock> Between(string patientId, long fromUnixMs, long toUnixMs)
    {
        if (!_rings.TryGetValue(patientId, out var ring))
        {
            return [];
        }
        lock (ring)
        {
            return ring.Between(fromUnixMs, toUnixMs);
        }
    }

    /// <summary>The newest <paramref name="span"/> of the patient's ECG in the ring.</summary>
    public IReadOnlyList<EcgStoredBlock> Latest(string patientId, TimeSpan span)
    {
        if (!_rings.TryGetValue(patientId, out var ring))
        {
            return [];
        }
        lock (ring)
        {
            if (ring.Count == 0)
            {
                return [];
            }
            var end = ring.Blocks[^1].Block.EndUnixMs;
            return ring.Between(end - (long)span.TotalMilliseconds, end + 1);
        }
    }
}
