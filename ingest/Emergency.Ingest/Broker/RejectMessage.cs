using System.Buffers;
using System.Text.Json;

namespace Emergency.Ingest.Broker;

/// <summary>The payload published on <c>ems/{region}/rejects/{deviceId}</c>: <c>{"topic","seq","reason"}</c>.</summary>
public static class RejectMessage
{
    public static byte[] Encode(string topic, long? seq, string reason)
    {
        var buffer = new ArrayBufferWriter<byte>(128 + reason.Length);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("topic"u8, topic);
            if (seq is { } s) json.WriteNumber("seq"u8, s); else json.WriteNull("seq"u8);
            json.WriteString("reason"u8, reason);
            json.WriteEndObject();
        }
        return buffer.WrittenSpan.ToArray();
    }
}
