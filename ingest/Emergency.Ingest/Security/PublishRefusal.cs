using MQTTnet.Protocol;

namespace Emergency.Ingest.Security;

/// <summary>
/// A publish the broker refuses before decoding: the PUBACK reason code and string, where to post the reject, and
/// whether to close the connection without a PUBACK instead (a frame that must be resent, to a client that cannot be
/// told so in its PUBACK).
/// </summary>
public sealed record PublishRefusal(MqttPubAckReasonCode ReasonCode, string Reason, string? RejectTopic, bool CloseConnection = false);
