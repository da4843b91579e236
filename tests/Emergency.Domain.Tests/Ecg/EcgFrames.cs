using System.Buffers;
using Emergency.Domain.Ecg.Wire;

namespace Emergency.Domain.Tests.Ecg;

/// <summary>Frames for the codec tests: 250 ms of 12 leads at 500 Hz with a recognisable pattern per lead.</summary>
internal static class EcgFrames
{
    public static short[][] Pattern(int leads, int perLead) =>
        [.. Enumerable.Range(0, leads).Select(l => Enumerable.Range(0, perLead).Select(i => (short)((l * 1000) + (i * 7) - 3000)).ToArray())];

    public static byte[] TwelveLead(uint seq = 42, int perLead = 125) =>
        EcgFrameEncoder.Encode(seq, 1_767_225_600_123, 500, 2.5f, EcgLeads.Standard12, Pattern(12, perLead));

    /// <summary>The same bytes as a sequence of segments cut at the given offsets.</summary>
    public static ReadOnlySequence<byte> Split(byte[] bytes, params int[] cuts)
    {
        var bounds = cuts.Where(c => c > 0 && c < bytes.Length).Distinct().Order().Append(bytes.Length).ToArray();
        Segment? first = null, last = null;
        var start = 0;
        foreach (var end in bounds)
        {
            var segment = new Segment(bytes.AsMemory(start, end - start), last);
            first ??= segment;
            last = segment;
            start = end;
        }
        return first is null ? ReadOnlySequence<byte>.Empty : new ReadOnlySequence<byte>(first, 0, last!, last!.Memory.Length);
    }

    private sealed class Segment : ReadOnlySequenceSegment<byte>
    {
        public Segment(ReadOnlyMemory<byte> memory, Segment? previous)
        {
            Memory = memory;
            if (previous is not null)
            {
                RunningIndex = previous.RunningIndex + previous.Memory.Length;
                previous.Next = this;
            }
        }
    }
}
