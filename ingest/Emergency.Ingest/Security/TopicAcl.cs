using Emergency.Domain.Devices;
using Emergency.Ingest.Decoding;

namespace Emergency.Ingest.Security;

/// <summary>
/// What a registered device may do on the broker: publish only under its own <c>ems/{region}/{kind}/{id}/</c>, and
/// subscribe only to its own rejects topic <c>ems/{region}/rejects/{id}</c>. Segments compare exactly (case-sensitive,
/// as topics are); wildcards in a subscription never match more than the one topic.
/// </summary>
public static class TopicAcl
{
    public static string PublishPrefix(DeviceRecord device) => $"ems/{device.Region}/{device.Kind.ToCode()}/{device.Id}/";

    public static bool MayPublish(DeviceRecord device, string topic, out string? reason)
    {
        if (topic.StartsWith(PublishPrefix(device), StringComparison.Ordinal))
        {
            reason = null;
            return true;
        }
        reason = $"device {device.Id} publishes only under {PublishPrefix(device)}";
        return false;
    }

    public static bool MaySubscribe(DeviceRecord device, string topicFilter, out string? reason)
    {
        var own = TopicParser.RejectTopic(device.Region, device.Id);
        if (string.Equals(topicFilter, own, StringComparison.Ordinal))
        {
            reason = null;
            return true;
        }
        reason = $"device {device.Id} subscribes only to {own}";
        return false;
    }
}
