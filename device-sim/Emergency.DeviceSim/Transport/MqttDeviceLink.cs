using Emergency.DeviceSim.Wire;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;

namespace Emergency.DeviceSim.Transport;

/// <summary>
/// An MQTT 5 connection for one device: client id = device id, persistent session, QoS 1 publishes,
/// and a subscription to the device's rejects topic. The disconnect handler only signals;
/// reconnecting is the sender loop's job (never reconnect from inside <c>DisconnectedAsync</c>).
/// </summary>
internal sealed class MqttDeviceLink : IDeviceLink
{
    private static readonly TimeSpan CommunicationTimeout = TimeSpan.FromSeconds(10);

    private readonly IMqttClient _client;
    private readonly MqttClientOptions _clientOptions;
    private readonly MqttClientSubscribeOptions _subscribeOptions;
    private readonly LinkRequest _request;
    private readonly Lock _lock = new();
    private TaskCompletionSource _disconnected = NewSignal();

    public MqttDeviceLink(MqttClientFactory factory, LinkRequest request)
    {
        _request = request;
        var options = request.Options;
        var builder = new MqttClientOptionsBuilder()
            .WithTcpServer(options.Host, options.Port)
            .WithClientId(request.DeviceId)
            .WithProtocolVersion(MqttProtocolVersion.V500)
            .WithCleanStart(false)
            .WithSessionExpiryInterval(3600)
            .WithKeepAlivePeriod(TimeSpan.FromSeconds(30))
            .WithTimeout(CommunicationTimeout);
        if (options.Credentials?.GetValueOrDefault(request.DeviceId) is { } secret)
        {
            builder = builder.WithCredentials(request.DeviceId, secret);
        }
        else if (options.Username is not null)
        {
            builder = builder.WithCredentials(options.Username, options.Password ?? string.Empty);
        }

        _clientOptions = builder.Build();
        _subscribeOptions = factory.CreateSubscribeOptionsBuilder()
            .WithTopicFilter(request.Topics.Rejects, MqttQualityOfServiceLevel.AtMostOnce)
            .Build();

        _client = factory.CreateMqttClient();
        _client.DisconnectedAsync += OnDisconnectedAsync;
        _client.ApplicationMessageReceivedAsync += OnMessageAsync;
    }

    public bool IsConnected => _client.IsConnected;

    public async Task<ConnectOutcome> ConnectAsync(CancellationToken cancellationToken)
    {
        if (_client.IsConnected)
        {
            // A publish timed out on a connection that still looks alive: start over.
            await DisconnectQuietlyAsync(cancellationToken).ConfigureAwait(false);
        }

        lock (_lock)
        {
            if (_disconnected.Task.IsCompleted)
            {
                _disconnected = NewSignal();
            }
        }

        try
        {
            var result = await _client.ConnectAsync(_clientOptions, cancellationToken).ConfigureAwait(false);
            if (result.ResultCode != MqttClientConnectResultCode.Success)
            {
                return ConnectOutcome.Failed(Describe($"connect refused: {result.ResultCode}", result.ReasonString));
            }

            try
            {
                await _client.SubscribeAsync(_subscribeOptions, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // Refusal notices are a nice-to-have; publishing works without them.
            }

            return ConnectOutcome.Success;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex)
        {
            return ConnectOutcome.Failed(Describe(ex));
        }
    }

    public Task WhenDisconnected()
    {
        lock (_lock)
        {
            // A stale signal from an earlier connection must not end the current one.
            if (_disconnected.Task.IsCompleted && _client.IsConnected)
            {
                _disconnected = NewSignal();
            }

            return _disconnected.Task;
        }
    }

    public async Task<PublishOutcome> PublishAsync(OutboundFrame frame, CancellationToken cancellationToken)
    {
        var message = new MqttApplicationMessageBuilder()
            .WithTopic(frame.Topic)
            .WithPayloadSegment(frame.Payload)
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
            .Build();
        var result = await _client.PublishAsync(message, cancellationToken).ConfigureAwait(false);
        return result.ReasonCode is MqttClientPublishReasonCode.Success or MqttClientPublishReasonCode.NoMatchingSubscribers
            ? PublishOutcome.Ok
            : PublishOutcome.Refused(Describe(result.ReasonCode.ToString(), result.ReasonString));
    }

    public Task DisconnectAsync(CancellationToken cancellationToken) => DisconnectQuietlyAsync(cancellationToken);

    public async ValueTask DisposeAsync()
    {
        _client.DisconnectedAsync -= OnDisconnectedAsync;
        _client.ApplicationMessageReceivedAsync -= OnMessageAsync;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(1));
        await DisconnectQuietlyAsync(timeout.Token).ConfigureAwait(false);
        _client.Dispose();
    }

    private async Task DisconnectQuietlyAsync(CancellationToken cancellationToken)
    {
        if (!_client.IsConnected)
        {
            return;
        }

        try
        {
            var options = new MqttClientDisconnectOptionsBuilder()
                .WithReason(MqttClientDisconnectOptionsReason.NormalDisconnection)
                .Build();
            await _client.DisconnectAsync(options, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception)
        {
            // Already gone, or timed out: either way the connection is over.
        }
    }

    private Task OnDisconnectedAsync(MqttClientDisconnectedEventArgs e)
    {
        // Signal only. Reconnecting from here can deadlock the client.
        lock (_lock)
        {
            _disconnected.TrySetResult();
        }

        return Task.CompletedTask;
    }

    private Task OnMessageAsync(MqttApplicationMessageReceivedEventArgs e)
    {
        if (string.Equals(e.ApplicationMessage.Topic, _request.Topics.Rejects, StringComparison.Ordinal))
        {
            _request.OnReject(RejectMessage.ReadReason(e.ApplicationMessage.Payload));
        }

        return Task.CompletedTask;
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private static string Describe(string what, string? reasonString) =>
        string.IsNullOrWhiteSpace(reasonString) ? what : $"{what} ({reasonString})";

    private static string Describe(Exception ex)
    {
        var innermost = ex;
        while (innermost.InnerException is not null)
        {
            innermost = innermost.InnerException;
        }

        return innermost == ex ? ex.Message : $"{ex.Message.TrimEnd('.')} ({innermost.Message.TrimEnd('.')})";
    }
}
