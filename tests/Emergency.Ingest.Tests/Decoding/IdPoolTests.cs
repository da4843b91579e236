using System.Buffers;
using System.Text;
using Emergency.Ingest.Decoding;

namespace Emergency.Ingest.Tests.Decoding;

public sealed class IdPoolTests
{
    [Fact]
    public void The_same_id_from_chars_or_bytes_is_one_string_instance()
    {
        var id = $"AMB-POOL-{Guid.NewGuid():N}"[..30];
        var fromChars = IdPool.Get(id.AsSpan());
        var fromBytes = IdPool.Get(Encoding.ASCII.GetBytes(id).AsSpan());
        Assert.Equal(id, fromChars);
        Assert.Same(fromChars, fromBytes);
        Assert.Same(fromChars, IdPool.Get(id.ToCharArray().AsSpan()));
    }

    [Fact]
    public void Topic_parts_and_patient_ids_of_repeated_frames_are_not_new_strings()
    {
        const string Topic = "ems/pool/ambulance/AMB-POOL-1/vitals";
        Assert.True(TopicParser.TryParse(Topic, out var first, out _));
        Assert.True(TopicParser.TryParse(new string(Topic.AsSpan()), out var second, out _));
        Assert.Same(first.Region, second.Region);
        Assert.Same(first.DeviceId, second.DeviceId);

        var payload = new ReadOnlySequence<byte>("""{"patientId":"P-POOL-1","seq":1,"ts":1764000000000,"hr":80}"""u8.ToArray());
        Assert.True(VitalsFrameDecoder.TryDecode(payload, out var a, out _));
        Assert.True(VitalsFrameDecoder.TryDecode(payload, out var b, out _));
        Assert.Equal("P-POOL-1", a.PatientId);
        Assert.Same(a.PatientId, b.PatientId);
    }
}
