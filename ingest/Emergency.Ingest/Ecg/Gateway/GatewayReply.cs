using System.Text.Json;

namespace Emergency.Ingest.Ecg.Gateway;

/// <summary>
/// What the gateway answers, length-prefixed UTF-8 JSON like the messages it reads:
/// <c>{"ok":true,"deviceId","region"}</c> to a hello, <c>{"ack":seq}</c> once a frame is durable (also for a resend),
/// <c>{"refused":seq|null,"reason":"…","close":bool}</c> for a refusal (<c>close</c>: the gateway closes the connection after it).
/// </summary>
public static class GatewayReply
{
    public static byte[] Welcome(string deviceId, string region) =>
        GatewayFraming.Frame(JsonSerializer.SerializeToUtf8Bytes(new { ok = true, deviceId, region }));

    public static byte[] Ack(long seq) => GatewayFraming.Frame(JsonSerializer.SerializeToUtf8Bytes(new { ack = seq }));

    public static byte[] Refused(long? seq, string reason, bool close) =>
        GatewayFraming.Frame(JsonSerializer.SerializeToUtf8Bytes(new { refused = seq, reason, close }));
}
