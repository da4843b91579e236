using System.Buffers;
using System.Text;
using BenchmarkDotNet.Attributes;
using Emergency.Domain.Scoring;
using Emergency.Ingest.Decoding;

namespace Emergency.Benchmarks.Micro;

/// <summary>
/// The first steps of every frame: topic parsing, decoding and validating straight from payload bytes, and the
/// whole per-frame edge work (parse + decode + validate + NEWS2) as one call.
/// </summary>
[MemoryDiagnoser]
public class DecodeBenchmarks
{
    private const string Topic = "ems/sh/ambulance/AMB-12/vitals";
    private ReadOnlySequence<byte> _vitals;
    private ReadOnlySequence<byte> _invalid;

    [GlobalSetup]
    public void Setup()
    {
        _vitals = new ReadOnlySequence<byte>(Encoding.UTF8.GetBytes(
            """{"patientId":"P-7F3A2","seq":1042,"ts":"2026-11-23T07:37:17.123Z","hr":112,"rr":24,"spo2":93,"sbp":98,"dbp":60,"temp":38.4,"acvpu":"A","o2":true,"spo2Scale":1}"""));
        // Refused whole (spo2 over 100): validation's refusal path, with its reason.
        _invalid = new ReadOnlySequence<byte>(Encoding.UTF8.GetBytes(
            """{"patientId":"P-7F3A2","seq":1043,"ts":"2026-11-23T07:37:18.123Z","hr":112,"rr":24,"spo2":130,"sbp":98}"""));
    }

    [Benchmark]
    public bool ParseTopic() => TopicParser.TryParse(Topic, out _, out _);

    [Benchmark]
    public bool DecodeVitals() => VitalsFrameDecoder.TryDecode(_vitals, out _, out _);

    [Benchmark]
    public bool RefuseInvalidVitals() => VitalsFrameDecoder.TryDecode(_invalid, out _, out _);

    [Benchmark]
    public int ParseDecodeScore()
    {
        TopicParser.TryParse(Topic, out _, out _);
        VitalsFrameDecoder.TryDecode(_vitals, out var frame, out _);
        return News2Calculator.Score(frame!.Vitals).Total;
    }
}
