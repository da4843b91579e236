using System.Buffers;
using System.Diagnostics;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;

namespace Emergency.Benchmarks.Load;

/// <summary>
/// The bare-broker baseline's consumer: one MQTT client subscribed at QoS 1 to every vitals topic, doing nothing
/// but count each message and match its <c>ts</c> to the publish time.
/// </summary>
public sealed class SubscriberObserver(int port) : IDeliveryObserver
{
    private readonly IMqttClient _client = new MqttClientFactory().CreateMqttClient();

    public string What => "publish → subscriber received";

    public bool EveryFrame => true;

    public async Task StartAsync(IReadOnlyDictionary<string, LoadDevice> byTopic, Func<LoadCounters> phase, CancellationToken ct)
    {
        _client.ApplicationMessageReceivedAsync += e =>
        {
            var at = Stopwatch.GetTimestamp();
            if (!byTopic.TryGetValue(e.ApplicationMessage.Topic, out var device)) return Task.CompletedTask;
            var payload = e.ApplicationMessage.Payload;
            var ts = LoadFrame.ReadTs(payload.IsSingleSegment ? payload.FirstSpan : payload.ToArray());
            device.Delivered(ts);
            var counters = phase();
            counters.CountDelivered();
            if (device.PublishedAt(ts) is { } sent)
            {
                counters.Delivery.Record(Stopwatch.GetElapsedTime(sent, at));
            }
            return Task.CompletedTask;
        };
        var options = new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", port).WithClientId($"load-subscriber-{Environment.ProcessId}")
            .WithProtocolVersion(MqttProtocolVersion.V500).WithCleanStart().Build();
        var connected = await _client.ConnectAsync(options, ct);
        if (connected.ResultCode != MqttClientConnectResultCode.Success)
        {
            throw new InvalidOperationException($"subscriber: connect refused ({connected.ResultCode})");
        }
        await _client.SubscribeAsync(new MqttClientSubscribeOptionsBuilder()
            .WithTopicFilter("ems/+/ambulance/+/vitals", MqttQualityOfServiceLevel.AtLeastOnce).Build(), ct);
    }

    public async ValueTask DisposeAsync()
    {
        if (_client.IsConnected)
        {
            try { await _client.DisconnectAsync(); } catch (Exception) { /* broker gone */ }
        }
        _client.Dispose();
    }
}
