using System.Text;
using Emergency.Domain.Devices;
using Emergency.Grains.Devices;
using Emergency.Ingest.Decoding;
using Emergency.Ingest.Journaling;

namespace Emergency.Ingest.Tests.Journaling;

public sealed class FrameRecordTests
{
    private static readonly DateTimeOffset Received = new(2026, 11, 23, 7, 37, 17, 123, TimeSpan.Zero);

    [Theory]
    [InlineData("P-7F3A2")]
    [InlineData(null)]
    public void Round_trips_every_field_and_the_payload_byte_for_byte(string? patientId)
    {
        var payload = Encoding.UTF8.GetBytes("""{"seq":1042,"ts":"2026-11-23T07:37:17.123Z","hr":112}""");
        var record = new FrameRecord(TopicChannel.Vitals, DeviceKind.Wearable, "sh", "W-0001", patientId, 1042, Received,
            FrameOutcome.GapFilled, payload);

        var back = FrameRecord.Decode(record.Encode());

        Assert.Equal(record with { Payload = default }, back with { Payload = default });
        Assert.Equal(payload, back.Payload.ToArray());
    }

    [Fact]
    public void Longest_ids_and_an_empty_payload_round_trip()
    {
        var id = new string('x', DeviceIds.MaxLength);
        var record = new FrameRecord(TopicChannel.Status, DeviceKind.Ambulance, id, id, id, long.MaxValue, Received, FrameOutcome.Applied, ReadOnlyMemory<byte>.Empty);

        var back = FrameRecord.Decode(record.Encode());

        Assert.Equal((id, id, id, long.MaxValue, 0), (back.Region, back.DeviceId, back.PatientId, back.Seq, back.Payload.Length));
    }

    [Fact]
    public void A_record_of_another_format_or_cut_short_is_an_error()
    {
        var bytes = new FrameRecord(TopicChannel.Vitals, DeviceKind.Ambulance, "sh", "AMB-1", "P-1", 1, Received, FrameOutcome.Applied, new byte[] { 1, 2, 3 }).Encode();
        var otherVersion = (byte[])bytes.Clone();
        otherVersion[0] = 99;

        Assert.Throws<InvalidDataException>(() => FrameRecord.Decode(otherVersion));
        Assert.Throws<InvalidDataException>(() => FrameRecord.Decode(bytes.AsMemory(0, bytes.Length - 1)));
        Assert.Throws<InvalidDataException>(() => FrameRecord.Decode(ReadOnlyMemory<byte>.Empty));
    }
}
