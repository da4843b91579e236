using System.Net;
using System.Net.Sockets;
using System.Security.Authentication;
using Emergency.Ingest.Dispatch;
using Emergency.Ingest.Hosting;
using Emergency.Ingest.Security;
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
/// Devices pass <see cref="DeviceAccessControl"/> first: registered credentials to connect, their own topics only,
/// a rate limit. Listens on the plain port, the TLS port, or both (<c>Mqtt:Plain</c>, <c>Mqtt:Tls</c>).
/// </summary>
public sealed class EmbeddedMqttBroker(
    FrameIngestor ingestor,
    IngestMetrics metrics,
    DeviceRegistry registry,
    DeviceAccessControl access,
    IOptions<MqttIngestOptions> options,
    ILogger<EmbeddedMqttBroker> logger) : IHostedService, IDisposable, IMqttEdge
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
        registry.EnsureLoaded();
        var builder = new MqttServerOptionsBuilder()
            .WithPersistentSessions() // devices reconnecting with CleanSession=false keep their session
            .WithMaxPendingMessagesPerClient(_options.MaxPendingMessagesPerClient);
        // MQTTnet listens on IPv4 and IPv6 "any" unless told otherwise: bind the one configured address only.
        var (v4, v6) = address.AddressFamily == AddressFamily.InterNetworkV6 ? (IPAddress.None, address) : (address, IPAddress.None);
        builder = _options.Plain.Enabled
            ? builder.WithDefaultEndpoint().WithDefaultEndpointBoundIPAddress(v4).WithDefaultEndpointBoundIPV6Address(v6)
                .WithDefaultEndpointPort(_options.Port)
            : builder.WithoutDefaultEndpoint();
        if (_options.Tls.Enabled)
        {
            ConfigureTls(builder, v4, v6);
        }
        var server = new MqttServerFactory().CreateMqttServer(builder.Build());
        server.ValidatingConnectionAsync += OnValidatingConnection;
        server.InterceptingPublishAsync += OnPublish;
        server.InterceptingSubscriptionAsync += e =>
        {
            access.CheckSubscription(e);
            return Task.CompletedTask;
        };
        server.QueuedApplicationMessageOverwrittenAsync += _ =>
        {
            metrics.QueueOverwrite();
            return Task.CompletedTask;
        };
        registry.CredentialsChanged += DisconnectDevices;
        await server.StartAsync();
        _server = server;
        if (_options.Plain.Enabled)
        {
            logger.LogInformation("MQTT broker listening on {Host}:{Port}", _options.Host, _options.Port);
        }
        if (_options.Tls.Enabled)
        {
            logger.LogInformation("MQTT broker listening with TLS on {Host}:{Port} (client certificates: {ClientCertificates})",
                _options.Host, _options.Tls.Port, _options.Tls.ClientCertificates);
        }
        if (access.DevelopmentMode)
        {
            logger.LogWarning("SECURITY DEVELOPMENT MODE: MQTT clients that are not in the device registry are accepted, without topic ACLs or rate limits (Security:Development=true)");
        }
    }

    private void ConfigureTls(MqttServerOptionsBuilder builder, IPAddress v4, IPAddress v6)
    {
        var tls = _options.Tls;
        builder.WithEncryptedEndpoint()
            .WithEncryptedEndpointBoundIPAddress(v4)
            .WithEncryptedEndpointBoundIPV6Address(v6)
            .WithEncryptedEndpointPort(tls.Port)
            .WithEncryptionCertificate(TlsCertificates.LoadServerCertificate(tls))
            .WithEncryptionSslProtocol(SslProtocols.Tls12 | SslProtocols.Tls13);
        if (tls.ClientCertificates == ClientCertificateMode.None)
        {
            return;
        }
        var validator = new ClientCertificateValidator(TlsCertificates.LoadClientCa(tls), tls.ClientCertificates);
        validator.Refused += (subject, reason) =>
        {
            metrics.RefusedDevice(DeviceRefusal.BadCertificate);
            logger.LogWarning("Refused TLS client certificate {Subject}: {Reason}", subject, reason);
        };
        // Asks every client for a certificate; the validator lets a missing one through in Optional mode.
        builder.WithClientCertificate(validator.Validate);
    }

    /// <summary>Devices revoked, removed or given new credentials are put off the broker; they must log in again.</summary>
    private void DisconnectDevices(IReadOnlyList<string> deviceIds)
    {
        if (_server is not { IsStarted: true } server) return;
        _ = Task.Run(async () =>
        {
            try
            {
                var wanted = deviceIds.ToHashSet(StringComparer.Ordinal);
                foreach (var client in await server.GetClientsAsync())
                {
                    if (!wanted.Contains(client.Id)) continue;
                    await client.DisconnectAsync(new MqttServerClientDisconnectOptions
                    {
                        ReasonCode = MqttDisconnectReasonCode.NotAuthorized,
                        ReasonString = "device credentials revoked or changed",
                    });
                    logger.LogWarning("Disconnected device {DeviceId}: its registry entry was revoked, removed or given new credentials", client.Id);
                }
            }
            catch (Exception ex)
            {
                logger.LogError(ex, "Could not disconnect devices whose credentials changed: {DeviceIds}", string.Join(", ", deviceIds));
            }
        });
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_server is { } server)
        {
            await server.StopAsync(new MqttServerStopOptions());
        }
    }

    public void Dispose()
    {
        registry.CredentialsChanged -= DisconnectDevices;
        _server?.Dispose();
    }

    private Task OnValidatingConnection(ValidatingConnectionEventArgs e)
    {
        if (string.IsNullOrEmpty(e.ClientId) || e.ClientId == ServiceClientId)
        {
            e.ReasonCode = MqttConnectReasonCode.ClientIdentifierNotValid;
            logger.LogWarning("Refused MQTT connection from {Endpoint}: client id '{ClientId}' not allowed", e.RemoteEndPoint, e.ClientId);
            return Task.CompletedTask;
        }
        access.ValidateConnection(e);
        return Task.CompletedTask;
    }

    private async Task OnPublish(InterceptingPublishEventArgs e)
    {
        if (e.ClientId == ServiceClientId)
        {
            return; // our own reject messages
        }
        var message = e.ApplicationMessage;
        if (access.CheckPublish(e.ClientId, message.Topic) is { } refusal)
        {
            e.ProcessPublish = false;
            e.Response.ReasonCode = refusal.ReasonCode;
            e.Response.ReasonString = refusal.Reason;
            e.CloseConnection = refusal.CloseConnection;
            if (refusal.RejectTopic is { } deviceRejects)
            {
                await PublishReject(deviceRejects, message.Topic, seq: null, refusal.Reason);
            }
            return;
        }
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
