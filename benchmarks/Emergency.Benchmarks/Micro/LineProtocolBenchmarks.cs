using System.Buffers;
using BenchmarkDotNet.Attributes;
using Emergency.Domain.Devices;
using Emergency.Domain.Vitals;
using Emergency.History;

namespace Emergency.Benchmarks.Micro;

/// <summary>One history point as InfluxDB line protocol into a reused buffer (what the history writer does per frame).</summary>
[MemoryDiagnoser]
public class LineProtocolBenchmarks
{
    private readonly ArrayBufferWriter<byte> _buffer = new(4096);
    private readonly VitalsPoint _point = new("sh", "P-7F3A2", DeviceKind.Ambulance, "AMB-12", 1042,
        new DateTimeOffset(2026, 11, 23, 7, 37, 17, 123, TimeSpan.Zero),
        new VitalSigns(112, 24, 93, 98, 60, 38.4, Acvpu.Alert, true, Spo2Scale.Scale1), News2: 9);

    [Benchmark]
    public int EncodePoint()
    {
        _buffer.ResetWrittenCount();
        LineProtocol.Write(_buffer, _point);
        return _buffer.WrittenCount;
    }
}
