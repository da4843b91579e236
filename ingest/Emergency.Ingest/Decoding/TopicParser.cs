using System.Diagnostics.CodeAnalysis;
using Emergency.Domain.Devices;

namespace Emergency.Ingest.Decoding;

/// <summary>
/// Parses the topics devices publish to:
/// <c>ems/{region}/ambulance/{unitId}/{vitals|position|status|context|ecg}</c> and <c>ems/{region}/wearable/{deviceId}/vitals</c>.
/// Segments are case-sensitive. <c>ems/{region}/rejects/{deviceId}</c> belongs to the service and is refused.
/// </summary>
public static class TopicParser
{
    public const string FormatError = "topic must be ems/{region}/{ambulance|wearable}/{id}/{vitals|position|status|context|ecg}";
    public const string WearableChannelError = "wearables publish only vitals";
    public const string RejectsTopicError = "ems/{region}/rejects/{deviceId} is published by the service, not by devices";

    private const string Root = "ems";
    private const string Rejects = "rejects";

    public static bool TryParse(string topic, out DeviceTopic parsed, [NotNullWhen(false)] out string? error)
    {
        parsed = default;
        ReadOnlySpan<char> text = topic;

        // One slot more than a valid topic has, so that extra segments are counted rather than folded into the last one.
        Span<Range> segments = stackalloc Range[6];
        int count = text.Split(segments, '/');

        if (count >= 3 && text[segments[0]].SequenceEqual(Root) && text[segments[2]].SequenceEqual(Rejects))
        {
            error = RejectsTopicError;
            return false;
        }

        if (count != 5 || !text[segments[0]].SequenceEqual(Root)
            || !TryParseKind(text[segments[2]], out DeviceKind kind)
            || !TryParseChannel(text[segments[4]], out TopicChannel channel))
        {
            error = FormatError;
            return false;
        }

        ReadOnlySpan<char> region = text[segments[1]];
        if (!DeviceIds.IsValid(region))
        {
            error = "region: " + DeviceIds.Rule;
            return false;
        }

        ReadOnlySpan<char> id = text[segments[3]];
        if (!DeviceIds.IsValid(id))
        {
            error = (kind == DeviceKind.Ambulance ? "unitId: " : "deviceId: ") + DeviceIds.Rule;
            return false;
        }

        if (kind == DeviceKind.Wearable && channel != TopicChannel.Vitals)
        {
            error = WearableChannelError;
            return false;
        }

        parsed = new DeviceTopic(IdPool.Get(region), kind, IdPool.Get(id), channel);
        error = null;
        return true;
    }

    /// <summary>
    /// Finds where to report a refused message: succeeds when the topic starts <c>ems/{region}/{any}/{id}</c> with a valid
    /// region and id, whatever else is wrong with it. Fails for the rejects topic itself, so that a reject never answers a reject.
    /// </summary>
    public static bool TryGetRejectAddress(
        string topic, [NotNullWhen(true)] out string? region, [NotNullWhen(true)] out string? deviceId)
    {
        region = null;
        deviceId = null;
        ReadOnlySpan<char> text = topic;

        Span<Range> segments = stackalloc Range[5];
        int count = text.Split(segments, '/');
        if (count < 4
            || !text[segments[0]].SequenceEqual(Root)
            || text[segments[2]].SequenceEqual(Rejects)
            || !DeviceIds.IsValid(text[segments[1]])
            || !DeviceIds.IsValid(text[segments[3]]))
        {
            return false;
        }

        region = text[segments[1]].ToString();
        deviceId = text[segments[3]].ToString();
        return true;
    }

    /// <summary>The topic the service publishes a device's refusals to: <c>ems/{region}/rejects/{deviceId}</c>.</summary>
    /// <exception cref="ArgumentException">Either part is not a valid id (it would change the topic's shape).</exception>
    public static string RejectTopic(string region, string deviceId)
    {
        if (!DeviceIds.IsValid(region))
        {
            throw new ArgumentException("region: " + DeviceIds.Rule, nameof(region));
        }

        if (!DeviceIds.IsValid(deviceId))
        {
            throw new ArgumentException("deviceId: " + DeviceIds.Rule, nameof(deviceId));
        }

        return $"{Root}/{region}/{Rejects}/{deviceId}";
    }

    private static bool TryParseKind(ReadOnlySpan<char> segment, out DeviceKind kind)
    {
        switch (segment)
        {
            case "ambulance": kind = DeviceKind.Ambulance; return true;
            case "wearable": kind = DeviceKind.Wearable; return true;
            default: kind = default; return false;
        }
    }

    private static bool TryParseChannel(ReadOnlySpan<char> segment, out TopicChannel channel)
    {
        switch (segment)
        {
            case "vitals": channel = TopicChannel.Vitals; return true;
            case "position": channel = TopicChannel.Position; return true;
            case "status": channel = TopicChannel.Status; return true;
            case "context": channel = TopicChannel.Context; return true;
            case "ecg": channel = TopicChannel.Ecg; return true;
            default: channel = default; return false;
        }
    }
}
