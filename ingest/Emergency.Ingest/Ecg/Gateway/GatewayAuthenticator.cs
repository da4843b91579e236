using System.Text;
using Emergency.Domain.Devices;
using Emergency.Ingest.Decoding;
using Emergency.Ingest.Hosting;
using Emergency.Ingest.Security;

namespace Emergency.Ingest.Ecg.Gateway;

/// <summary>
/// Checks a gateway hello as the broker checks an MQTT CONNECT: the same registry, the same
/// <see cref="DeviceAuthenticator"/>, the same refusal counters. Only ambulances send ECG.
/// </summary>
public sealed class GatewayAuthenticator(DeviceRegistry registry, DeviceAccessControl access, IngestMetrics metrics)
{
    /// <summary>The device's region when it may stream; otherwise null and the reason.</summary>
    public (string? Region, string? Refusal) Authenticate(GatewayHello hello)
    {
        if (!DeviceIds.IsValid(hello.DeviceId))
        {
            return (null, "deviceId: " + DeviceIds.Rule);
        }
        var device = registry.Find(hello.DeviceId);
        var secret = hello.Secret is null ? null : Encoding.UTF8.GetBytes(hello.Secret);
        var verdict = DeviceAuthenticator.Authenticate(device, new ConnectAttempt(hello.DeviceId, hello.DeviceId, secret, null), access.DevelopmentMode);
        if (verdict.Refusal is { } refusal)
        {
            metrics.RefusedDevice(refusal);
            return (null, refusal == DeviceRefusal.Revoked ? "device revoked" : "unknown device or wrong credentials");
        }
        if (verdict.Device is { } registered)
        {
            if (registered.Kind != DeviceKind.Ambulance)
            {
                return (null, $"device {registered.Id} is a {registered.Kind.ToCode()}: only ambulances stream ECG");
            }
            if (hello.Region is { } claimed && claimed != registered.Region)
            {
                metrics.RefusedDevice(DeviceRefusal.PublishNotAllowed);
                return (null, $"device {registered.Id} belongs to region {registered.Region}, not {claimed}");
            }
            return (registered.Region, null);
        }
        // Development mode let an unregistered device in: it must say its region.
        metrics.UnregisteredAccepted();
        return hello.Region is { } region && DeviceIds.IsValid(region)
            ? (region, null)
            : (null, "region: an unregistered device must name its region in the hello");
    }

    /// <summary>Null when the device may send one more frame now; otherwise the reason (the frame is not taken).</summary>
    public string? CheckRate(string deviceId) =>
        registry.Find(deviceId) is null
            ? null // an unregistered device (development mode) has no limit, as on MQTT
            : access.CheckRate(deviceId, "ecg gateway");
}
