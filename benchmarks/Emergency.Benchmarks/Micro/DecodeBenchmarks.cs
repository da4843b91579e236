using System.Buffers;
using System.Text;
using BenchmarkDotNet.Attributes;
using Emergency.Ingest.Decoding;

namespace Emergency.Benchmarks.Micro;

/// <summary>Frame decoding straight from payload bytes, and topic parsing: the first steps of every frame.</summary>
[MemoryDiagnoser]
public class DecodeBenchmarks
{
    private ReadOnlySequence<byte> _vitals;
    private const string Topic = "ems/sh/ambulance/AMB-12/vitals";

    [GlobalSetup]
    public void Setup() => _vitals = new ReadOnlySequence<byte>(Encoding.UTF8.GetBytes(
        """{"patientId":"P-7F3A2","seq":1042,"ts":"2026-11-23T07:37:17.123Z","hr":112,"rr":24,"spo2":93,"sbp":98,"dbp":60,"temp":38.4,"acvpu":"A","o2":true,"spo2Scale":1}"""));

    [Benchmark]
    public bool DecodeVitals() => VitalsFrameDecoder.TryDecode(_vitals, out _, out _);

    [Benchmark]
    public bool ParseTopic() => TopicParser.TryParse(Topic, out _, out _);
}
