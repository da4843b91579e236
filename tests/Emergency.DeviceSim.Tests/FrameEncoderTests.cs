using System.Globalization;
using System.Text.Json;
using Emergency.DeviceSim.Wire;
using Emergency.Domain.Ambulances;
using Emergency.Domain.Vitals;

namespace Emergency.DeviceSim.Tests;

public class FrameEncoderTests
{
    private static readonly VitalSigns Full = new(112, 24, 93, 98, 60, 38.4, Acvpu.NewConfusion, true, Spo2Scale.Scale1);

    [Fact]
    public void Vitals_frame_has_the_contract_shape()
    {
        var encoder = new FrameEncoder();
        var frame = encoder.Vitals("ems/sh/ambulance/AMB-01/vitals", 1042, TestSupport.T0, "P-7F3A2", Full);

        Assert.Equal("ems/sh/ambulance/AMB-01/vitals", frame.Topic);
        Assert.Equal(1042, frame.Seq);
        Assert.Equal(FrameKind.Vitals, frame.Kind);
        var json = TestSupport.Parse(frame);

        Assert.Equal(
            ["patientId", "seq", "ts", "hr", "rr", "spo2", "sbp", "dbp", "temp", "acvpu", "o2", "spo2Scale"],
            json.EnumerateObject().Select(p => p.Name));
        Assert.Equal("P-7F3A2", json.GetProperty("patientId").GetString());
        Assert.Equal(1042, json.GetProperty("seq").GetInt64());
        Assert.Equal("2026-11-23T07:37:17.123Z", json.GetProperty("ts").GetString());
        Assert.Equal(112, json.GetProperty("hr").GetInt32());
        Assert.Equal(24, json.GetProperty("rr").GetInt32());
        Assert.Equal(93, json.GetProperty("spo2").GetInt32());
        Assert.Equal(98, json.GetProperty("sbp").GetInt32());
        Assert.Equal(60, json.GetProperty("dbp").GetInt32());
        Assert.Equal(38.4, json.GetProperty("temp").GetDouble());
        Assert.Equal("C", json.GetProperty("acvpu").GetString());
        Assert.Equal(JsonValueKind.True, json.GetProperty("o2").ValueKind);
        Assert.Equal(1, json.GetProperty("spo2Scale").GetInt32());
    }

    [Fact]
    public void Vitals_bytes_are_compact_invariant_json()
    {
        var previous = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("de-DE"); // decimal comma must not leak into the wire
        try
        {
            var frame = new FrameEncoder().Vitals("t", 1, TestSupport.T0, "P-7F3A2", Full with { Temp = 37.0 });
            var text = System.Text.Encoding.UTF8.GetString(frame.Payload.Span);
            frame.Release();
            Assert.Equal(
                """{"patientId":"P-7F3A2","seq":1,"ts":"2026-11-23T07:37:17.123Z","hr":112,"rr":24,"spo2":93,"sbp":98,"dbp":60,"temp":37.0,"acvpu":"C","o2":true,"spo2Scale":1}""",
                text);
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
        }
    }

    [Fact]
    public void Absent_vitals_and_patient_are_left_out()
    {
        var subset = new VitalSigns(70, null, 98, null, null, 36.6, null, null, null);
        var json = TestSupport.Parse(new FrameEncoder().Vitals("t", 2, TestSupport.T0, null, subset));

        Assert.Equal(["seq", "ts", "hr", "spo2", "temp"], json.EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public void Position_frame_has_the_contract_shape()
    {
        var json = TestSupport.Parse(new FrameEncoder().Position("ems/sh/ambulance/AMB-01/position", 7, TestSupport.T0, 31.2304, 121.4737, 42, 270));

        Assert.Equal(["seq", "ts", "lat", "lon", "speedKmh", "heading"], json.EnumerateObject().Select(p => p.Name));
        Assert.Equal(7, json.GetProperty("seq").GetInt64());
        Assert.Equal(31.2304, json.GetProperty("lat").GetDouble());
        Assert.Equal(121.4737, json.GetProperty("lon").GetDouble());
        Assert.Equal(42.0, json.GetProperty("speedKmh").GetDouble());
        Assert.Equal(270, json.GetProperty("heading").GetInt32());
    }

    [Theory]
    [InlineData(AmbulanceStatus.Transporting, "P-00A1B", "transporting")]
    [InlineData(AmbulanceStatus.OnScene, "P-00A1B", "on-scene")]
    [InlineData(AmbulanceStatus.Available, null, "available")]
    [InlineData(AmbulanceStatus.OutOfService, null, "out-of-service")]
    public void Status_frame_uses_the_wire_codes(AmbulanceStatus status, string? patientId, string code)
    {
        var json = TestSupport.Parse(new FrameEncoder().Status("ems/sh/ambulance/AMB-01/status", 3, TestSupport.T0, status, patientId));

        Assert.Equal(3, json.GetProperty("seq").GetInt64());
        Assert.Equal(code, json.GetProperty("status").GetString());
        Assert.Equal(patientId is not null, json.TryGetProperty("patientId", out var p));
        if (patientId is not null)
        {
            Assert.Equal(patientId, p.GetString());
        }
    }

    [Fact]
    public void Timestamps_are_utc_with_milliseconds()
    {
        Span<byte> buffer = stackalloc byte[32];
        var local = new DateTimeOffset(2026, 1, 2, 8, 4, 5, 7, TimeSpan.FromHours(8));
        var length = FrameEncoder.FormatTimestamp(local, buffer);

        Assert.Equal("2026-01-02T00:04:05.007Z", System.Text.Encoding.UTF8.GetString(buffer[..length]));
    }

    [Fact]
    public void Encoder_is_reusable_and_frames_own_their_buffers()
    {
        var encoder = new FrameEncoder();
        var frames = Enumerable.Range(1, 50).Select(i => encoder.Vitals("t", i, TestSupport.T0, "P-1", Full)).ToList();

        Assert.Equal(Enumerable.Range(1, 50), frames.Select(f => TestSupport.Parse(f).GetProperty("seq").GetInt32()));
        Assert.All(frames, f => Assert.True(f.IsReleased));
        Assert.Throws<ObjectDisposedException>(() => frames[0].Payload);
        frames[0].Release(); // a second release is harmless
    }

    [Fact]
    public void Pooled_writer_grows_and_detaches()
    {
        var writer = new PooledBufferWriter();
        writer.GetSpan(100)[..100].Fill(1);
        writer.Advance(100);
        writer.GetSpan(5000)[..5000].Fill(2); // forces a bigger array; the first 100 bytes must survive
        writer.Advance(5000);
        var (array, length) = writer.Detach();

        Assert.Equal(5100, length);
        Assert.All(array[..100], b => Assert.Equal(1, b));
        Assert.All(array[100..5100], b => Assert.Equal(2, b));
        Assert.Equal(0, writer.WrittenCount);
        System.Buffers.ArrayPool<byte>.Shared.Return(array);
    }

    [Theory]
    [InlineData("""{"topic":"ems/sh/wearable/W-0001/vitals","seq":3,"reason":"seq not increasing"}""", "seq not increasing")]
    [InlineData("""{"seq":3,"reason":"","topic":"x"}""", RejectMessage.UnknownReason)]
    [InlineData("""{"topic":"x","nested":{"reason":"no"},"reason":"spo2 out of range"}""", "spo2 out of range")]
    [InlineData("not json", RejectMessage.UnknownReason)]
    [InlineData("[1,2]", RejectMessage.UnknownReason)]
    public void Reject_notices_yield_their_reason(string payload, string expected)
    {
        var reason = RejectMessage.ReadReason(new System.Buffers.ReadOnlySequence<byte>(System.Text.Encoding.UTF8.GetBytes(payload)));
        Assert.Equal(expected, reason);
    }

    [Theory]
    [InlineData("AMB-01", true)]
    [InlineData("W-0001", true)]
    [InlineData("a.b_c-D9", true)]
    [InlineData("", false)]
    [InlineData("has space", false)]
    [InlineData("slash/no", false)]
    [InlineData("plus+no", false)]
    public void Device_ids_follow_the_contract(string id, bool valid)
    {
        Assert.Equal(valid, DeviceIds.IsValid(id));
        Assert.False(DeviceIds.IsValid(new string('a', 65)));
        Assert.True(DeviceIds.IsValid(new string('a', 64)));
    }

    [Fact]
    public void Topics_follow_the_contract()
    {
        var a = DeviceTopics.For("sh", Domain.Devices.DeviceKind.Ambulance, "AMB-01");
        var w = DeviceTopics.For("sh", Domain.Devices.DeviceKind.Wearable, "W-0001");

        Assert.Equal("ems/sh/ambulance/AMB-01/vitals", a.Vitals);
        Assert.Equal("ems/sh/ambulance/AMB-01/position", a.Position);
        Assert.Equal("ems/sh/ambulance/AMB-01/status", a.Status);
        Assert.Equal("ems/sh/rejects/AMB-01", a.Rejects);
        Assert.Equal("ems/sh/wearable/W-0001/vitals", w.Vitals);
        Assert.Equal("ems/sh/rejects/W-0001", w.Rejects);
        Assert.Equal("AMB-01", DeviceIds.Ambulance(1));
        Assert.Equal("AMB-120", DeviceIds.Ambulance(120));
        Assert.Equal("W-0042", DeviceIds.Wearable(42));
    }
}
