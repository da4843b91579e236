using System.Collections.Concurrent;
using System.Text;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;

namespace Emergency.EndToEnd.Tests.Infrastructure;

/// <summary>A real MQTTnet client standing in for a device (or any MQTT subscriber).</summary>
public sealed class TestDevice : IAsyncDisposable
{
    private readonly IMqttClient _client;
    private readonly ConcurrentQueue<(string Topic, string Payload)> _received = new();
    private readonly SemaphoreSlim _arrived = new(0);

    private TestDevice(IMqttClient client)
    {
        _client = client;
        _client.ApplicationMessageReceivedAsync += e =>
        {
            _received.Enqueue((e.ApplicationMessage.Topic, Encoding.UTF8.GetString(e.ApplicationMessage.Payload)));
            _arrived.Release();
            return Task.CompletedTask;
        };
    }

    /// <param name="password">The device's secret on a host in secure mode (the user name is the client id).</param>
    public static async Task<TestDevice> ConnectAsync(int port, string clientId, MqttProtocolVersion version = MqttProtocolVersion.V500,
        string? password = null)
    {
        var client = new MqttClientFactory().CreateMqttClient();
        var device = new TestDevice(client);
        var options = new MqttClientOptionsBuilder()
            .WithTcpServer("127.0.0.1", port)
            .WithClientId(clientId)
            .WithProtocolVersion(version);
        if (password is not null)
        {
            options = options.WithCredentials(clientId, password);
        }
        var result = await client.ConnectAsync(options.Build());
        if (result.ResultCode != MqttClientConnectResultCode.Success)
        {
            throw new InvalidOperationException($"connect refused: {result.ResultCode} {result.ReasonString}");
        }
        return device;
    }

    public async Task SubscribeAsync(string topicFilter)
    {
        await _client.SubscribeAsync(new MqttClientFactory().CreateSubscribeOptionsBuilder()
            .WithTopicFilter(topicFilter, MqttQualityOfServiceLevel.AtLeastOnce).Build());
    }

    /// <summary>Publishes at QoS 1 and returns once the broker's PUBACK is in.</summary>
    public Task<MqttClientPublishResult> PublishAsync(string topic, string payload) =>
        PublishAsync(topic, Encoding.UTF8.GetBytes(payload));

    public async Task<MqttClientPublishResult> PublishAsync(string topic, byte[] payload) =>
        await _client.PublishAsync(new MqttApplicationMessageBuilder()
            .WithTopic(topic)
            .WithPayload(payload)
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
            .Build());

    /// <summary>The next message received on a topic matching <paramref name="topic"/>, or a timeout.</summary>
    public async Task<string> NextMessage(string topic, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        var skipped = new List<(string, string)>();
        try
        {
            while (true)
            {
                while (_received.TryDequeue(out var m))
                {
                    if (m.Topic == topic) return m.Payload;
                    skipped.Add(m);
                }
                var left = deadline - DateTime.UtcNow;
                if (left <= TimeSpan.Zero || !await _arrived.WaitAsync(left))
                {
                    throw new TimeoutException($"no message on {topic} within {timeout}");
                }
            }
        }
        finally
        {
            foreach (var m in skipped) _received.Enqueue(m);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_client.IsConnected) await _client.DisconnectAsync();
        _client.Dispose();
    }
}
