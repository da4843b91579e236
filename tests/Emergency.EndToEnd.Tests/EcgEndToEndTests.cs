using System.Net;
using System.Text.Json;
using Emergency.Domain.Ecg.Wire;
using Emergency.EndToEnd.Tests.Infrastructure;
using MQTTnet;
using static Emergency.EndToEnd.Tests.Infrastructure.Json;

namespace Emergency.EndToEnd.Tests;

/// <summary>Binary ECG frames over MQTT into the running host, read back over HTTP.</summary>
[Collection(HostCollection.Name)]
public sealed class EcgEndToEndTests(HostFixture fx)
{
    private HostProcess Host => fx.Host;

    private static string NewId(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..20];

    private static byte[] Frame(uint seq, long start, short offset = 0) =>
        EcgFrameEncoder.Encode(seq, start, 500, 2.5f, EcgLeads.Standard12,
            [.. Enumerable.Range(0, 12).Select(l => Enumerable.Range(0, 125).Select(i => (short)(offset + (l * 100) + i)).ToArray())]);

    private async Task<(TestDevice Device, string Region, string Unit, string Patient)> UnitWithPatient()
    {
        var region = NewId("r");
        var unit = NewId("AMB");
        var patient = NewId("P");
        var device = await TestDevice.ConnectAsync(Host.MqttPort, unit);
        var status = await device.PublishAsync($"ems/{region}/ambulance/{unit}/status",
            $$"""{"seq":1,"ts":{{DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()}},"status":"transporting","patientId":"{{patient}}"}""");
        Assert.True(status.IsSuccess, status.ReasonString);
        return (device, region, unit, patient);
    }

    [Fact]
    public async Task Acknowledged_ecg_frames_are_returned_in_microvolts_with_a_lost_frame_marked_as_a_gap()
    {
        var (device, region, unit, patient) = await UnitWithPatient();
        await using var _ = device;
        var start = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() - 5_000;

        foreach (var seq in new uint[] { 10, 11, 13 }) // 12 is lost on the way
        {
            var ack = await device.PublishAsync($"ems/{region}/ambulance/{unit}/ecg", Frame(seq, start + ((seq - 10) * 250)));
            Assert.True(ack.IsSuccess, ack.ReasonString);
        }

        var body = Parse(await Host.Http.GetStringAsync($"/api/patients/{patient}/ecg?from={start}&to={start + 1000}&leads=II,V2"));
        Assert.Equal(["II", "V2"], body.GetProperty("leads").EnumerateArray().Select(l => l.GetString()));
        var blocks = body.GetProperty("blocks").EnumerateArray().ToList();
        Assert.Equal([10u, 11u, 13u], blocks.Select(b => b.GetProperty("seq").GetUInt32()));
        var lead2 = blocks[0].GetProperty("samplesMicrovolts").GetProperty("II").EnumerateArray().Select(v => v.GetInt32()).ToList();
        Assert.Equal(125, lead2.Count);
        Assert.Equal((int)Math.Round((100 + 7) * 2.5), lead2[7]); // lead II is index 1: 100 + i LSB at 2.5 µV
        Assert.False(blocks[0].GetProperty("samplesMicrovolts").TryGetProperty("I", out JsonElement _));
        var gap = Assert.Single(body.GetProperty("gaps").EnumerateArray());
        Assert.Equal(11u, gap.GetProperty("afterSeq").GetUInt32());
        Assert.Equal(13u, gap.GetProperty("beforeSeq").GetUInt32());
        Assert.Equal(1, gap.GetProperty("missingFrames").GetInt64());
        Assert.Equal(start + 500, gap.GetProperty("from").GetInt64());
        Assert.Equal(start + 750, gap.GetProperty("to").GetInt64());
    }

    [Fact]
    public async Task A_resent_frame_is_acknowledged_and_stored_once()
    {
        var (device, region, unit, patient) = await UnitWithPatient();
        await using var _ = device;
        var start = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() - 2_000;
        var frame = Frame(1, start);

        Assert.True((await device.PublishAsync($"ems/{region}/ambulance/{unit}/ecg", frame)).IsSuccess);
        Assert.True((await device.PublishAsync($"ems/{region}/ambulance/{unit}/ecg", frame)).IsSuccess);

        var body = Parse(await Host.Http.GetStringAsync($"/api/patients/{patient}/ecg?from={start}&to={start + 250}"));
        Assert.Single(body.GetProperty("blocks").EnumerateArray());
    }

    [Fact]
    public async Task A_frame_with_a_bad_crc_is_refused_with_its_reason_on_the_rejects_topic_and_stores_nothing()
    {
        var (device, region, unit, patient) = await UnitWithPatient();
        await using var _ = device;
        await device.SubscribeAsync($"ems/{region}/rejects/{unit}");
        var start = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() - 2_000;
        var before = (await Host.ReadinessAsync()).Body.GetProperty("ecg").GetProperty("refused").GetProperty("ecg_bad_crc").GetInt64();
        var frame = Frame(1, start);
        frame[200] ^= 0x40;

        var ack = await device.PublishAsync($"ems/{region}/ambulance/{unit}/ecg", frame);

        Assert.Equal(MqttClientPublishReasonCode.PayloadFormatInvalid, ack.ReasonCode);
        Assert.StartsWith("ecg_bad_crc: CRC-32", ack.ReasonString);
        var reject = Parse(await device.NextMessage($"ems/{region}/rejects/{unit}", TimeSpan.FromSeconds(10)));
        Assert.StartsWith("ecg_bad_crc", reject.GetProperty("reason").GetString());
        var body = Parse(await Host.Http.GetStringAsync($"/api/patients/{patient}/ecg?from={start}&to={start + 250}"));
        Assert.Empty(body.GetProperty("blocks").EnumerateArray());
        var after = (await Host.ReadinessAsync()).Body.GetProperty("ecg").GetProperty("refused").GetProperty("ecg_bad_crc").GetInt64();
        Assert.Equal(before + 1, after);
    }

    [Fact]
    public async Task Ecg_from_a_unit_with_no_patient_on_board_is_refused_with_the_reason()
    {
        var region = NewId("r");
        var unit = NewId("AMB");
        await using var device = await TestDevice.ConnectAsync(Host.MqttPort, unit);

        var ack = await device.PublishAsync($"ems/{region}/ambulance/{unit}/ecg", Frame(1, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()));

        Assert.False(ack.IsSuccess);
        Assert.Contains("no patient on board", ack.ReasonString);
    }

    [Fact]
    public async Task A_bad_ecg_query_is_answered_400_naming_the_parameter()
    {
        var response = await Host.Http.GetAsync("/api/patients/P-1/ecg?leads=II,V7");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("V7", await response.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.BadRequest, (await Host.Http.GetAsync("/api/patients/P-1/ecg?from=0&to=3600000")).StatusCode);
    }
}
