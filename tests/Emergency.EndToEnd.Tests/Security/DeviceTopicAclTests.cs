using System.Net;
using System.Text;
using Emergency.EndToEnd.Tests.Infrastructure;
using MQTTnet;
using MQTTnet.Protocol;
using static Emergency.EndToEnd.Tests.Infrastructure.Json;

namespace Emergency.EndToEnd.Tests.Security;

/// <summary>Where a registered device may publish and subscribe, and how fast: its own topics, its own rejects, its rate.</summary>
[Collection(SecureHostCollection.Name)]
public sealed class DeviceTopicAclTests(SecureHostFixture fx)
{
    private HostProcess Host => fx.Host;
    private const string Region = SecureHostFixture.Region;

    private async Task<IMqttClient> Connect(string deviceId)
    {
        var (client, result) = await MqttConnect.ConnectAsync(MqttConnect.Options(Host.MqttPort, deviceId, deviceId, fx.SecretOf(deviceId)).Build());
        Assert.Equal(MqttClientConnectResultCode.Success, result.ResultCode);
        return client;
    }

    private static Task<MqttClientPublishResult> Publish(IMqttClient client, string topic, string payload) =>
        client.PublishAsync(new MqttApplicationMessageBuilder().WithTopic(topic).WithPayload(payload)
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build());

    [Fact]
    public async Task Publish_to_another_devices_topic_is_refused_NotAuthorized_counted_and_reported_on_own_rejects()
    {
        using var client = await Connect("AMB-S1");
        var rejects = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        client.ApplicationMessageReceivedAsync += e =>
        {
            if (e.ApplicationMessage.Topic == $"ems/{Region}/rejects/AMB-S1") rejects.TrySetResult(Encoding.UTF8.GetString(e.ApplicationMessage.Payload));
            return Task.CompletedTask;
        };
        var subscribed = await client.SubscribeAsync(new MqttClientFactory().CreateSubscribeOptionsBuilder()
            .WithTopicFilter($"ems/{Region}/rejects/AMB-S1", MqttQualityOfServiceLevel.AtMostOnce).Build());
        Assert.Equal(MqttClientSubscribeResultCode.GrantedQoS0, subscribed.Items.Single().ResultCode);
        var before = await fx.RefusalsAsync();
        var patientId = $"P-{Guid.NewGuid():N}"[..16];

        var ack = await Publish(client, $"ems/{Region}/ambulance/AMB-S2/vitals", VitalsFrame(patientId, 1, DateTimeOffset.UtcNow, ExampleVitals));

        Assert.Equal(MqttClientPublishReasonCode.NotAuthorized, ack.ReasonCode);
        Assert.Contains($"publishes only under ems/{Region}/ambulance/AMB-S1/", ack.ReasonString);
        var reject = Parse(await rejects.Task.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal($"ems/{Region}/ambulance/AMB-S2/vitals", reject.GetProperty("topic").GetString());
        Assert.Equal(before["publish_not_allowed"] + 1, (await fx.RefusalsAsync())["publish_not_allowed"]);
        // Nothing of the frame was applied.
        Assert.Equal(HttpStatusCode.NotFound, (await Host.Http.GetAsync($"/api/patients/{patientId}")).StatusCode);
        // Another region or kind is another device's topic too.
        Assert.Equal(MqttClientPublishReasonCode.NotAuthorized,
            (await Publish(client, "ems/sh/ambulance/AMB-S1/vitals", VitalsFrame(patientId, 2, DateTimeOffset.UtcNow, ExampleVitals))).ReasonCode);
        Assert.Equal(MqttClientPublishReasonCode.NotAuthorized,
            (await Publish(client, $"ems/{Region}/wearable/AMB-S1/vitals", VitalsFrame(patientId, 3, DateTimeOffset.UtcNow, ExampleVitals))).ReasonCode);

        var metrics = await Host.Http.GetStringAsync("/metrics");
        Assert.Matches(@"emergency_ingest_security_refused[_a-z]*\{[^}]*reason=""publish_not_allowed""[^}]*\} [1-9]", metrics);
    }

    [Fact]
    public async Task Subscribing_to_anything_but_its_own_rejects_topic_is_refused()
    {
        using var client = await Connect("AMB-SUB");
        var before = await fx.RefusalsAsync();

        var result = await client.SubscribeAsync(new MqttClientFactory().CreateSubscribeOptionsBuilder()
            .WithTopicFilter($"ems/{Region}/rejects/AMB-S2", MqttQualityOfServiceLevel.AtMostOnce)
            .WithTopicFilter($"ems/{Region}/rejects/#", MqttQualityOfServiceLevel.AtMostOnce)
            .WithTopicFilter("#", MqttQualityOfServiceLevel.AtMostOnce)
            .WithTopicFilter($"ems/{Region}/rejects/AMB-SUB", MqttQualityOfServiceLevel.AtMostOnce)
            .Build());

        var codes = result.Items.ToDictionary(i => i.TopicFilter.Topic, i => i.ResultCode);
        Assert.Equal(MqttClientSubscribeResultCode.NotAuthorized, codes[$"ems/{Region}/rejects/AMB-S2"]);
        Assert.Equal(MqttClientSubscribeResultCode.NotAuthorized, codes[$"ems/{Region}/rejects/#"]);
        Assert.Equal(MqttClientSubscribeResultCode.NotAuthorized, codes["#"]);
        Assert.Equal(MqttClientSubscribeResultCode.GrantedQoS0, codes[$"ems/{Region}/rejects/AMB-SUB"]);
        Assert.Equal(before["subscribe_not_allowed"] + 3, (await fx.RefusalsAsync())["subscribe_not_allowed"]);
    }

    [Fact]
    public async Task Frames_beyond_the_rate_limit_are_answered_QuotaExceeded_counted_and_not_applied()
    {
        using var client = await Connect("AMB-RATE");
        var before = await fx.RefusalsAsync();
        var patientId = $"P-{Guid.NewGuid():N}"[..16];
        var start = DateTimeOffset.UtcNow;
        const int frames = 12;

        var codes = new List<MqttClientPublishReasonCode>();
        for (var seq = 1; seq <= frames; seq++)
        {
            codes.Add((await Publish(client, $"ems/{Region}/ambulance/AMB-RATE/vitals",
                VitalsFrame(patientId, seq, start.AddMilliseconds(seq), ExampleVitals))).ReasonCode);
        }

        // The bucket starts full: the first frames pass. 12 frames in less time than 9 refills (9 s) cannot all pass.
        Assert.All(codes.Take(SecureHostFixture.Burst), c => Assert.Equal(MqttClientPublishReasonCode.Success, c));
        var quota = codes.Count(c => c == MqttClientPublishReasonCode.QuotaExceeded);
        Assert.True(quota > 0, $"no frame refused: {string.Join(", ", codes)}");
        Assert.Equal(frames, quota + codes.Count(c => c == MqttClientPublishReasonCode.Success));
        Assert.Equal(before["rate_limited"] + quota, (await fx.RefusalsAsync())["rate_limited"]);
        // Counted one by one, but logged once per device per interval: a flooding device cannot flood the log.
        // (The host's output reaches the test a moment after the PUBACK: wait for the first line.)
        int LoggedLines() => Host.Output.Split('\n').Count(l => l.Contains("Refused publish of device AMB-RATE") && l.Contains("rate_limited"));
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (LoggedLines() == 0 && DateTime.UtcNow < deadline) await Task.Delay(50);
        Assert.Equal(1, LoggedLines());

        // What was acknowledged was applied, and only that: the patient's window counts the accepted frames.
        var history = Parse(await Host.Http.GetStringAsync($"/api/patients/{patientId}"));
        Assert.Equal(patientId, history.GetProperty("patientId").GetString());
    }

    [Fact]
    public async Task MQTT_311_device_over_the_rate_limit_is_disconnected_without_a_PUBACK_so_it_resends()
    {
        var options = MqttConnect.Options(Host.MqttPort, "AMB-RATE3", "AMB-RATE3", fx.SecretOf("AMB-RATE3"))
            .WithProtocolVersion(MQTTnet.Formatter.MqttProtocolVersion.V311).Build();
        var (client, result) = await MqttConnect.ConnectAsync(options);
        using var _ = client;
        Assert.Equal(MqttClientConnectResultCode.Success, result.ResultCode);
        var before = await fx.RefusalsAsync();
        var patientId = $"P-{Guid.NewGuid():N}"[..16];
        var start = DateTimeOffset.UtcNow;

        // MQTT 3.1.1 cannot carry QuotaExceeded in a PUBACK; a PUBACK would tell the device the frame was taken.
        var acknowledged = 0;
        Exception? failure = null;
        for (var seq = 1; seq <= 12 && failure is null; seq++)
        {
            try
            {
                await Publish(client, $"ems/{Region}/ambulance/AMB-RATE3/vitals", VitalsFrame(patientId, seq, start.AddMilliseconds(seq), ExampleVitals));
                acknowledged++;
            }
            catch (Exception ex)
            {
                failure = ex;
            }
        }

        Assert.True(failure is not null, $"all 12 frames acknowledged over a 3-frame burst");
        Assert.True(acknowledged >= SecureHostFixture.Burst, $"only {acknowledged} acknowledged");
        Assert.False(client.IsConnected);
        Assert.True((await fx.RefusalsAsync())["rate_limited"] > before["rate_limited"]);
        // The device reconnects and may carry on once the bucket has refilled.
        Assert.Equal(MqttClientConnectResultCode.Success, await MqttConnect.ResultOf(options));
    }
}
