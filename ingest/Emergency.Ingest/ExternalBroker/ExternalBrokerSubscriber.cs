using System.Buffers;
using System.Diagnostics.Metrics;
using Emergency.Ingest.Broker;
using Emergency.Ingest.Dispatch;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;

namespace Emergency.Ingest.ExternalBroker;

/// <summary>
/// Takes device frames from an external broker's shared subscription (<c>$share/{group}/ems/+/+/+/+</c>), so each
/// frame goes to one node of the group. A frame is acknowledged only once <see cref="FrameIngestor"/> has applied and
/// journaled it, the same path the embedded broker's publish interceptor takes; until then the broker holds it. The
/// session is persistent (clean start off, a session expiry), so what is queued for this node while it restarts is
/// delivered when it is back. Receive Maximum bounds the frames in flight; a frame that could not be applied is not
/// acknowledged and the connection is dropped so the broker sends it again. Reconnects with back-off.
/// </summary>
public sealed class ExternalBrokerSubscriber : BackgroundService, IMqttEdge
{
    public const string DeviceTopicFilter = "ems/+/+/+/+";

    private readonly FrameIngestor _ingestor;
    private readonly ExternalBrokerOptions _options;
    private readonly ILogger<ExternalBrokerSubscriber> _logger;
    private readonly MqttClientFactory _factory = new();
    private readonly IMqttClient _client;
    private readonly SemaphoreSlim _disconnected = new(0, 1);
    private long _reconnects;
    private long _unacknowledged;
    private volatile bool _subscribed;

    public ExternalBrokerSubscriber(FrameIngestor ingestor, IOptions<ExternalBrokerOptions> options, IMeterFactory meters,
        ILogger<ExternalBrokerSubscriber> logger)
    {
        _ingestor = ingestor;
        _options = options.Value;
        _logger = logger;
        _client = _factory.CreateMqttClient();
        _client.ApplicationMessageReceivedAsync += OnMessage;
        _client.DisconnectedAsync += e =>
        {
            _subscribed = false;
            // Reconnecting from inside this handler can deadlock the client: wake the loop instead.
            if (_disconnected.CurrentCount == 0) _disconnected.Release();
            return Task.CompletedTask;
        };
        var meter = meters.Create("Emergency.Ingest.ExternalBroker");
        meter.CreateObservableCounter("emergency.mqtt.broker_reconnects", () => Volatile.Read(ref _reconnects));
        meter.CreateObservableCounter("emergency.mqtt.broker_unacknowledged", () => Volatile.Read(ref _unacknowledged),
            description: "frames not applied and left unacknowledged for the broker to send again");
        meter.CreateObservableGauge("emergency.mqtt.broker_connected", () => IsRunning ? 1 : 0);
    }

    public bool IsRunning => _client.IsConnected && _subscribed;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var (host, port) = _options.Endpoint(out var error) ?? throw new InvalidOperationException(error);
        var backoff = new ReconnectBackoff(_options.ReconnectMinDelay, _options.ReconnectMaxDelay);
        while (!stoppingToken.IsCancellationRequested)
        {
            if (!_client.IsConnected)
            {
                try
                {
                    await Connect(host, port, stoppingToken);
                    backoff.Reset();
                }
                catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
                {
                    var delay = backoff.Next();
                    _logger.LogWarning("MQTT broker {Host}:{Port} not reachable ({Error}); retrying in {Delay:0.0} s",
                        host, port, ex.Message, delay.TotalSeconds);
                    await Task.Delay(delay, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
                    continue;
                }
            }
            try
            {
                await _disconnected.WaitAsync(TimeSpan.FromSeconds(2), stoppingToken);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
    }

    private async Task Connect(string host, int port, CancellationToken ct)
    {
        var builder = new MqttClientOptionsBuilder()
            .WithTcpServer(host, port)
            .WithClientId(_options.EffectiveClientId)
            .WithProtocolVersion(MqttProtocolVersion.V500)
            .WithCleanStart(false)
            .WithSessionExpiryInterval((uint)Math.Clamp(_options.SessionExpiry.TotalSeconds, 0, uint.MaxValue))
            .WithReceiveMaximum((ushort)Math.Clamp(_options.ReceiveMaximum, 1, ushort.MaxValue))
            .WithKeepAlivePeriod(TimeSpan.FromSeconds(15));
        if (_options.Username is { Length: > 0 } user)
        {
            builder = builder.WithCredentials(user, _options.Password);
        }
        var result = await _client.ConnectAsync(builder.Build(), ct);
        if (result.ResultCode != MqttClientConnectResultCode.Success)
        {
            // MQTTnet 5 does not throw on a refused CONNACK.
            await _client.DisconnectAsync(cancellationToken: CancellationToken.None);
            throw new InvalidOperationException($"broker refused the connection: {result.ResultCode} {result.ReasonString}");
        }
        var filter = $"$share/{_options.SharedGroup}/{DeviceTopicFilter}";
        var subscribe = await _client.SubscribeAsync(_factory.CreateSubscribeOptionsBuilder()
            .WithTopicFilter(f => f.WithTopic(filter).WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce))
            .Build(), ct);
        var granted = subscribe.Items.FirstOrDefault()?.ResultCode;
        if (granted is not (MqttClientSubscribeResultCode.GrantedQoS1 or MqttClientSubscribeResultCode.GrantedQoS0))
        {
            await _client.DisconnectAsync(cancellationToken: CancellationToken.None);
            throw new InvalidOperationException($"broker refused the subscription {filter}: {granted}");
        }
        _subscribed = true;
        Interlocked.Increment(ref _reconnects);
        _logger.LogInformation("Subscribed to {Filter} on MQTT broker {Host}:{Port} as {ClientId} (session present: {SessionPresent}, receive maximum {ReceiveMaximum})",
            filter, host, port, _options.EffectiveClientId, result.IsSessionPresent, _options.ReceiveMaximum);
    }

    private Task OnMessage(MqttApplicationMessageReceivedEventArgs e)
    {
        // Acknowledged later, once journaled: returning at once lets the client take the next frame meanwhile (the
        // broker's Receive Maximum bounds how many wait). The payload is copied: the client reuses its buffer.
        e.AutoAcknowledge = false;
        var topic = e.ApplicationMessage.Topic;
        var payload = e.ApplicationMessage.Payload.ToArray();
        _ = Handle(e, topic, payload);
        return Task.CompletedTask;
    }

    private async Task Handle(MqttApplicationMessageReceivedEventArgs e, string topic, byte[] payload)
    {
        IngestResult result;
        try
        {
            result = await _ingestor.Ingest(_options.EffectiveClientId, topic, new ReadOnlySequence<byte>(payload), CancellationToken.None);
        }
        catch (Exception ex)
        {
            result = IngestResult.Failed(ex.Message);
        }
        if (result.Outcome == IngestOutcome.Failed)
        {
            Interlocked.Increment(ref _unacknowledged);
            _logger.LogWarning("Frame on {Topic} not applied ({Reason}): left unacknowledged, reconnecting so the broker sends it again", topic, result.Reason);
            _ = Task.Run(() => _client.DisconnectAsync(cancellationToken: CancellationToken.None));
            return;
        }
        try
        {
            await e.AcknowledgeAsync(CancellationToken.None);
        }
        catch (Exception ex)
        {
            // Applied and journaled, but the broker did not hear it: it sends the frame again, the grains skip it by seq.
            _logger.LogDebug(ex, "Could not acknowledge frame on {Topic}", topic);
        }
        if (result is { Outcome: IngestOutcome.Refused, RejectTopic: { } rejects })
        {
            await PublishReject(rejects, topic, result.Seq, result.Reason ?? "refused");
        }
    }

    private async Task PublishReject(string rejectTopic, string topic, long? seq, string reason)
    {
        try
        {
            await _client.PublishAsync(new MqttApplicationMessageBuilder()
                .WithTopic(rejectTopic)
                .WithPayload(RejectMessage.Encode(topic, seq, reason))
                .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtMostOnce)
                .Build());
        }
        catch (Exception ex)
        {
            _logger.LogWarning(ex, "Could not publish reject on {RejectTopic}", rejectTopic);
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        if (_client.IsConnected)
        {
            // Keeps the session (and whatever is queued or unacknowledged) at the broker for the next start.
            await _client.DisconnectAsync(new MqttClientDisconnectOptionsBuilder().WithReason(MqttClientDisconnectOptionsReason.NormalDisconnection).Build(), cancellationToken);
        }
    }

    public override void Dispose()
    {
        _client.Dispose();
        _disconnected.Dispose();
        base.Dispose();
    }
}
