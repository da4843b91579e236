using System.Collections.Concurrent;
using Emergency.Ingest.Decoding;
using Emergency.Ingest.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MQTTnet.Formatter;
using MQTTnet.Protocol;
using MQTTnet.Server;

namespace Emergency.Ingest.Security;

/// <summary>
/// The broker's gate for devices: who may connect (<see cref="DeviceAuthenticator"/> against the live
/// <see cref="DeviceRegistry"/>), where a device may publish and subscribe (<see cref="TopicAcl"/>), and how fast
/// (<see cref="DeviceRateLimiter"/>). Every refusal is logged with device id, endpoint and reason (never a password)
/// and counted by reason.
/// </summary>
public sealed class DeviceAccessControl(
    DeviceRegistry registry,
    DeviceRateLimiter rateLimiter,
    IngestMetrics metrics,
    IOptions<DeviceSecurityOptions> options,
    ILogger<DeviceAccessControl> logger)
{
    // Development mode warns once per unregistered client id; past this many it stops naming them (a load test).
    private const int MaxWarnedUnregistered = 1_000;

    private readonly DeviceSecurityOptions _options = options.Value;
    private readonly ConcurrentDictionary<string, byte> _warnedUnregistered = new(StringComparer.Ordinal);
    // A device over its rate would log a line per frame: one line per device per interval, with the count between.
    private static readonly TimeSpan RateLimitLogInterval = TimeSpan.FromSeconds(10);
    private readonly ConcurrentDictionary<string, RateLimitLog> _rateLimitLogs = new(StringComparer.Ordinal);
    // The protocol of each client's latest connection: MQTT 3.1.1 has no negative PUBACK (see CheckPublish).
    private readonly ConcurrentDictionary<string, MqttProtocolVersion> _protocols = new(StringComparer.Ordinal);

    public bool DevelopmentMode => _options.Development;

    public void ValidateConnection(ValidatingConnectionEventArgs e)
    {
        var thumbprint = e.ClientCertificate is { } certificate ? CertificateThumbprints.Of(certificate) : null;
        var attempt = new ConnectAttempt(e.ClientId, e.UserName, e.RawPassword, thumbprint);
        var verdict = DeviceAuthenticator.Authenticate(registry.Find(e.ClientId), attempt, _options.Development);
        _protocols[e.ClientId] = e.ProtocolVersion;
        if (verdict.Refusal is { } refusal)
        {
            metrics.RefusedDevice(refusal);
            e.ReasonCode = refusal == DeviceRefusal.Revoked ? MqttConnectReasonCode.NotAuthorized : MqttConnectReasonCode.BadUserNameOrPassword;
            // The client learns only that it is not let in; the log says exactly why.
            e.ReasonString = refusal == DeviceRefusal.Revoked ? "device revoked" : "unknown device or wrong credentials";
            logger.LogWarning("Refused MQTT connection of device {DeviceId} from {Endpoint} ({Transport}): {Reason}",
                e.ClientId, e.RemoteEndPoint, e.IsSecureConnection ? "tls" : "plain", refusal.ToLabel());
            return;
        }
        if (verdict.Unregistered)
        {
            metrics.UnregisteredAccepted();
            if (_warnedUnregistered.Count < MaxWarnedUnregistered && _warnedUnregistered.TryAdd(e.ClientId, 0))
            {
                logger.LogWarning("SECURITY DEVELOPMENT MODE: accepted MQTT client {ClientId} from {Endpoint}, which is not in the device registry",
                    e.ClientId, e.RemoteEndPoint);
            }
        }
    }

    /// <summary>Null when the publish may go on to decoding; otherwise why not.</summary>
    public PublishRefusal? CheckPublish(string clientId, string topic)
    {
        var device = registry.Find(clientId);
        if (device is null)
        {
            // Only development mode lets an unregistered client connect; a device removed from the registry while
            // connected has been disconnected, but a publish may race that.
            return _options.Development ? null : Refuse(DeviceRefusal.UnknownDevice, clientId, topic, MqttPubAckReasonCode.NotAuthorized, "unknown device", null);
        }
        var rejects = TopicParser.RejectTopic(device.Region, device.Id);
        if (device.IsRevoked)
        {
            return Refuse(DeviceRefusal.Revoked, clientId, topic, MqttPubAckReasonCode.NotAuthorized, "device revoked", null);
        }
        if (!TopicAcl.MayPublish(device, topic, out var aclReason))
        {
            return Refuse(DeviceRefusal.PublishNotAllowed, clientId, topic, MqttPubAckReasonCode.NotAuthorized, aclReason!, rejects);
        }
        if (CheckRate(device.Id, topic) is { } reason)
        {
            // An MQTT 3.1.1 PUBACK cannot say "not taken": the device would forget a frame the service never
            // took. Closing without a PUBACK makes it resend after reconnecting instead.
            var closeConnection = _protocols.GetValueOrDefault(device.Id) is MqttProtocolVersion.V310 or MqttProtocolVersion.V311;
            return new PublishRefusal(MqttPubAckReasonCode.QuotaExceeded, reason, rejects, closeConnection);
        }
        return null;
    }

    /// <summary>
    /// Null when the registered device <paramref name="deviceId"/> may send one more frame now (on
    /// <paramref name="channel"/>: a topic, or the ECG gateway); otherwise why not, counted and logged (a line per
    /// device per interval). The broker and the ECG gateway share the device's one bucket.
    /// </summary>
    public string? CheckRate(string deviceId, string channel)
    {
        if (rateLimiter.TryAcquire(deviceId))
        {
            return null;
        }
        metrics.RefusedDevice(DeviceRefusal.RateLimited);
        var reason = $"rate limit {rateLimiter.Describe()} exceeded: frame not taken, send it again later";
        LogRateLimited(deviceId, channel, reason);
        return reason;
    }

    public void CheckSubscription(InterceptingSubscriptionEventArgs e)
    {
        var device = registry.Find(e.ClientId);
        if (device is null && _options.Development)
        {
            return;
        }
        string? reason;
        if (device is null || device.IsRevoked)
        {
            reason = "device not registered or revoked";
        }
        else if (TopicAcl.MaySubscribe(device, e.TopicFilter.Topic, out reason))
        {
            return;
        }
        metrics.RefusedDevice(DeviceRefusal.SubscribeNotAllowed);
        e.ProcessSubscription = false;
        e.Response.ReasonCode = MqttSubscribeReasonCode.NotAuthorized;
        e.Response.ReasonString = reason;
        logger.LogWarning("Refused subscription of device {DeviceId} to {TopicFilter}: {Reason}", e.ClientId, e.TopicFilter.Topic, reason);
    }

    private void LogRateLimited(string deviceId, string topic, string reason)
    {
        var now = Environment.TickCount64;
        var log = _rateLimitLogs.GetOrAdd(deviceId, static _ => new RateLimitLog());
        long suppressed;
        lock (log)
        {
            if (log.LastLoggedAt != 0 && now - log.LastLoggedAt < RateLimitLogInterval.TotalMilliseconds)
            {
                log.Suppressed++;
                return;
            }
            suppressed = log.Suppressed;
            log.Suppressed = 0;
            log.LastLoggedAt = now;
        }
        logger.LogWarning("Refused publish of device {DeviceId} on {Topic} (rate_limited): {Reason}; {Suppressed} more refused since the last line",
            deviceId, topic, reason, suppressed);
    }

    private sealed class RateLimitLog
    {
        public long LastLoggedAt;
        public long Suppressed;
    }

    private PublishRefusal Refuse(DeviceRefusal refusal, string clientId, string topic, MqttPubAckReasonCode code, string reason, string? rejectTopic)
    {
        metrics.RefusedDevice(refusal);
        logger.LogWarning("Refused publish of device {DeviceId} on {Topic} ({Refusal}): {Reason}", clientId, topic, refusal.ToLabel(), reason);
        return new PublishRefusal(code, reason, rejectTopic);
    }
}
