using System.Buffers;
using System.Text.Json;

namespace Emergency.DeviceSim.Wire;

/// <summary>Reads the service's refusal notices: <c>{"topic":"…","seq":n,"reason":"…"}</c> on <c>ems/{region}/rejects/{deviceId}</c>.</summary>
internal static class RejectMessage
{
    public const string UnknownReason = "rejected (no reason given)";

    /// <summary>The refusal reason, or <see cref="UnknownReason"/> when the notice cannot be read.</summary>
    public static string ReadReason(ReadOnlySequence<byte> payload)
    {
        try
        {
            var reader = new Utf8JsonReader(payload);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return UnknownReason;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isReason = reader.ValueTextEquals("reason"u8);
                if (!reader.Read())
                {
                    break;
                }

                if (isReason && reader.TokenType == JsonTokenType.String)
                {
                    var reason = reader.GetString();
                    return string.IsNullOrWhiteSpace(reason) ? UnknownReason : reason;
                }

                reader.Skip();
            }
        }
        catch (JsonException)
        {
        }

        return UnknownReason;
    }
}
