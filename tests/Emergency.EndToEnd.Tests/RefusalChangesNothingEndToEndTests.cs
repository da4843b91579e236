using System.Net;
using System.Text;
using Emergency.EndToEnd.Tests.Infrastructure;
using static Emergency.EndToEnd.Tests.Infrastructure.Json;

namespace Emergency.EndToEnd.Tests;

/// <summary>
/// Refused frames change nothing in the running host: random bytes and every truncation of a valid frame, published
/// through the real broker, are each refused with a reason, and afterwards no patient exists, the journal has not
/// grown and only the refusal counter moved. (The decoders themselves are fuzzed with over a million inputs in
/// <c>Emergency.Ingest.Tests</c>; this is the same kind of input through the whole ingest path.)
/// </summary>
[Collection(HostCollection.Name)]
public sealed class RefusalChangesNothingEndToEndTests(HostFixture fx)
{
    private HostProcess Host => fx.Host;

    [Fact]
    public async Task Refused_frames_leave_no_patient_no_journal_record_and_move_only_the_refusal_counter()
    {
        var unit = $"AMB-REF-{Guid.NewGuid():N}"[..16];
        var patientId = $"P-REF-{Guid.NewGuid():N}"[..16];
        var topic = $"ems/sh/ambulance/{unit}/vitals";
        var valid = Encoding.UTF8.GetBytes(VitalsFrame(patientId, 1, DateTimeOffset.UtcNow, ExampleVitals));
        var inputs = new List<byte[]>();
        for (var length = 0; length < valid.Length; length++)
        {
            inputs.Add(valid[..length]); // every truncation: never a whole JSON object
        }
        var random = new Random(20261202);
        for (var i = 0; i < 300; i++)
        {
            var bytes = new byte[random.Next(1, 400)];
            random.NextBytes(bytes);
            bytes[0] = (byte)'['; // never an object, so never a frame
            inputs.Add(bytes);
        }

        var before = await Counters();
        await using var device = await TestDevice.ConnectAsync(Host.MqttPort, unit);
        var refused = 0;
        foreach (var payload in inputs)
        {
            var ack = await device.PublishAsync(topic, payload);
            Assert.False(ack.IsSuccess, $"a broken payload of {payload.Length} bytes was accepted");
            Assert.False(string.IsNullOrEmpty(ack.ReasonString), "a refusal without a reason");
            refused++;
        }
        var after = await Counters();

        Assert.Equal(HttpStatusCode.NotFound, (await Host.Http.GetAsync($"/api/patients/{patientId}")).StatusCode);
        Assert.Equal(before.Accepted, after.Accepted);
        Assert.Equal(before.Journal, after.Journal);
        Assert.Equal(before.RefusedPayload + refused, after.RefusedPayload);
        Assert.Equal(before.Failed, after.Failed);

        // The host is unharmed: the valid frame is applied at once.
        var applied = await device.PublishAsync(topic, valid);
        Assert.True(applied.IsSuccess, $"{applied.ReasonCode} {applied.ReasonString}");
        Assert.Equal(HttpStatusCode.OK, (await Host.Http.GetAsync($"/api/patients/{patientId}")).StatusCode);
    }

    private async Task<(long Accepted, long RefusedPayload, long Failed, long Journal)> Counters()
    {
        var body = (await Host.ReadinessAsync()).Body;
        var ingest = body.GetProperty("ingest");
        var journal = body.GetProperty("journal");
        return (ingest.GetProperty("accepted").GetInt64(), ingest.GetProperty("refusedPayload").GetInt64(),
            ingest.GetProperty("failed").GetInt64(), journal.GetProperty("lastDurablePosition").GetInt64());
    }
}
