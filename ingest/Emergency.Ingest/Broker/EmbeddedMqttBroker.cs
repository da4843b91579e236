using System.Net;
using Emergency.Ingest.Dispatch;
using Emergency.Ingest.Hosting;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MQTTnet;
using MQTTnet.Protocol;
using MQTTnet.Server;

namespace Emergency.Ingest.Broker;

/// <summary>
/// The MQTT broker inside the host. Every device publish passes through <see cref="FrameIngestor"/> before the
/// broker answers it, so a QoS 1 PUBACK is only sent once the frame is applied (MQTTnet sends the PUBACK when the
/// publish interceptor completes). Refusals get an MQTT 5 reason code and a message on the device's rejects topic.
/// </summary>
public sealed class EmbeddedMqttBroker(
    FrameIngestor ingestor,
    IngestMetrics metrics,
    IOptions<MqttIngestOptions> options,
    ILogger<EmbeddedMqttBroker> logger) : IHostedService, IDisposable
{
    /// <summary>Client id the service uses for what it publishes itself (rejects), so its own messages pass through.</summary>
    public const string ServiceClientId = "emergency-service";

    private readonly MqttIngestOptions _options = options.Value;
    private MqttServer? _server;

    public bool IsRunning => _server?.IsStarted == true;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!IPAddress.TryParse(_options.Host, out var address))
        {
            throw new InvalidOperationException($"Mqtt:Host '{_options.Host}' is not an IP address");
        }
        var serverOptions = new MqttServerOptionsBuilder()
            .WithDefaultEndpoint()
            .WithDefaultEndpointBoundIPAddress(address)
            .WithDefaultEndpointPort(_options.Port)
            .WithPersistentSessions() // devices reconnecting with CleanSession=false keep their session
            .WithMaxPendingMessagesPerClient(_options.MaxPendingMessagesPerClient)
            .Build();
        var server = new MqttServerFactory().CreateMqttServer(serverOptions);
        server.ValidatingConnectionAsync += OnValidatingConnection;
        server.InterceptingPublishAsync += OnPublish;
        server.QueuedApplicationMessageOverwrittenAsync += _ =>
        {
            metrics.QueueOverwrite();
            return Task.CompletedTask;
        };
        await server.StartAsync();
        _server = server;
        logger.LogInformation("MQTT broker listening on {Host}:{Port}", _options.Host, _options.Port);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_server is { } server)
        {
            await server.StopAsync(new MqttServerStopOptions());
        }
    }

    public void Dispose() => _server?.Dispose();

    private Task OnValidatingConnection(ValidatingConnectionEventArgs e)
    {
        if (string.IsNullOrEmpty(e.ClientId) || e.ClientId == ServiceClientId)
        {
            e.ReasonCode = MqttConnectReasonCode.ClientIdentifierNotValid;
            logger.LogWarning("Refused MQTT connection from {Endpoint}: client id '{ClientId}' not allowed", e.RemoteEndPoint, e.ClientId);
        }
        return Task.CompletedTask;
    }

    private async Task OnPublish(InterceptingPublishEventArgs e)
    {
        if (e.ClientId == ServiceClientId)
        {
            return; // our own reject messages
        }
        var message = e.ApplicationMessage;
        var result = await ingestor.Ingest(e.ClientId, message.Topic, message.Payload, e.CancellationToken);
        // The service is the consumer of device frames: the broker does not route them on (MQTTnet would then
        // answer MQTT 5 publishers "no matching subscribers" and copy every payload for nobody).
        e.ProcessPublish = false;
        switch (result.Outcome)
        {
            case IngestOutcome.Accepted:
            case IngestOutcome.Duplicate:
                return; // acknowledged: applied, or seen before and the device may forget it
            case IngestOutcome.Refused:
                e.Response.ReasonCode = result.Refusal switch
                {
                    RefusalKind.Topic => MqttPubAckReasonCode.TopicNameInvalid,
                    RefusalKind.Payload => MqttPubAckReasonCode.PayloadFormatInvalid,
                    RefusalKind.NotAuthorized => MqttPubAckReasonCode.NotAuthorized,
                    _ => MqttPubAckReasonCode.ImplementationSpecificError,
                };
                e.Response.ReasonString = result.Reason;
                if (result.RejectTopic is { } rejectTopic)
                {
                    await PublishReject(rejectTopic, message.Topic, result.Seq, result.Reason!);
                }
                return;
            default:
                // Not applied: close without acknowledging so the device resends after reconnecting.
                e.CloseConnection = true;
                return;
        }
    }

    private async Task PublishReject(string rejectTopic, string topic, long? seq, string reason)
    {
        if (_server is not { IsStarted: true } server)
        {
            return;
        }
        var message = new MqttApplicationMessageBuilder()
            .WithTopic(rejectTopic)
            .WithPayload(RejectMessage.Encode(topic, seq, reason))
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtMostOnce)
            .Build();
        try
        {
            await server.InjectApplicationMessage(new InjectedMqttApplicationMessage(message) { SenderClientId = ServiceClientId });
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "Could not publish reject on {RejectTopic}", rejectTopic);
        }
    }
}
