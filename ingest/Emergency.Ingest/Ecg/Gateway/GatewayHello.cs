using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Text.Json;

namespace Emergency.Ingest.Ecg.Gateway;

/// <summary>
/// The first message on a gateway connection: <c>{"deviceId":"AMB-01","secret":"…","region":"sh"}</c> (UTF-8 JSON).
/// The device id and secret are those the device registry holds for MQTT; <c>region</c> is needed only for a device
/// the registry does not know (development mode).
/// </summary>
public sealed record GatewayHello(string DeviceId, string? Secret, string? Region)
{
    public static bool TryParse(ReadOnlySequence<byte> message, [NotNullWhen(true)] out GatewayHello? hello, [NotNullWhen(false)] out string? error)
    {
        hello = null;
        try
        {
            var reader = new Utf8JsonReader(message);
            using var document = JsonDocument.ParseValue(ref reader);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object
                || !root.TryGetProperty("deviceId", out var id) || id.ValueKind != JsonValueKind.String
                || id.GetString() is not { Length: > 0 } deviceId)
            {
                error = "hello must be a JSON object with deviceId (and secret)";
                return false;
            }
            hello = new GatewayHello(deviceId,
                root.TryGetProperty("secret", out var secret) && secret.ValueKind == JsonValueKind.String ? secret.GetString() : null,
                root.TryGetProperty("region", out var region) && region.ValueKind == JsonValueKind.String ? region.GetString() : null);
            error = null;
            return true;
        }
        catch (JsonException)
        {
            error = "hello is not JSON: send {\"deviceId\":…,\"secret\":…} first";
            return false;
        }
    }
}
