using System.Buffers;
using BenchmarkDotNet.Attributes;
using Emergency.Domain.Ecg.Analysis;
using Emergency.Domain.Ecg.Synthesis;
using Emergency.Domain.Ecg.Wire;

namespace Emergency.Benchmarks.Micro;

/// <summary>
/// The ECG edge: decoding a 12-lead 250 ms frame (3,042 bytes) with its CRC, from one buffer and from a sequence of
/// 512-byte segments (as a pipe hands it over), and copying it out to a block; and the 10 s analysis run every 2 s
/// per patient. Throughput in MB/s = 3,042 bytes / mean time.
/// </summary>
[MemoryDiagnoser]
public class EcgDecodeBenchmarks
{
    private ReadOnlySequence<byte> _frame;
    private ReadOnlySequence<byte> _segmented;
    private Dictionary<EcgLead, double[]> _tenSeconds = null!;

    [GlobalSetup]
    public void Setup()
    {
        var ecg = new SyntheticEcg(new SyntheticEcgOptions { HeartRateBpm = 80, NoiseMv = 0.02 });
        var bytes = EcgFrameEncoder.Encode(ecg.NextBlock(42, 1_767_225_600_000, 125));
        _frame = new ReadOnlySequence<byte>(bytes);
        _segmented = Segments(bytes, 512);
        var mv = new SyntheticEcg(new SyntheticEcgOptions { HeartRateBpm = 80, NoiseMv = 0.02 }).NextMillivolts(5000);
        _tenSeconds = EcgLeads.Standard12.ToDictionary(l => l, l => mv[(int)l]);
    }

    [Benchmark]
    public bool Decode12Lead250ms() => EcgFrameDecoder.TryDecode(_frame, out _, out _);

    [Benchmark]
    public bool Decode12Lead250msSegmented() => EcgFrameDecoder.TryDecode(_segmented, out _, out _);

    [Benchmark]
    public int DecodeAndCopyToBlock() => EcgFrameDecoder.TryDecode(_frame, out var frame, out _) ? frame.ToBlock().SamplesPerLead : 0;

    [Benchmark]
    public bool Analyse10Seconds12Lead() => EcgAnalyzer.Analyse(_tenSeconds, 500, 0, 80).Stemi.PossibleStemi;

    private static ReadOnlySequence<byte> Segments(byte[] bytes, int size)
    {
        Segment? first = null, last = null;
        for (var at = 0; at < bytes.Length; at += size)
        {
            var segment = new Segment(bytes.AsMemory(at, Math.Min(size, bytes.Length - at)), last);
            first ??= segment;
            last = segment;
        }
        return new ReadOnlySequence<byte>(first!, 0, last!, last!.Memory.Length);
    }

    private sealed class Segment : ReadOnlySequenceSegment<byte>
    {
        public Segment(ReadOnlyMemory<byte> memory, Segment? previous)
        {
            Memory = memory;
            if (previous is null) return;
            RunningIndex = previous.RunningIndex + previous.Memory.Length;
            previous.Next = this;
        }
    }
}
