using MQTTnet.Protocol;

namespace Emergency.Ingest.Security;

/// <summary>A publish the broker refuses before decoding: the PUBACK reason code and string, and where to post the reject.</summary>
public sealed record PublishRefusal(MqttPubAckReasonCode ReasonCode, string Reason, string? RejectTopic);
