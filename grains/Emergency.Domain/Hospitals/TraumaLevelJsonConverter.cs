using System.Text.Json;
using System.Text.Json.Serialization;

namespace Emergency.Domain.Hospitals;

/// <summary>
/// Reads <c>traumaLevel</c> as null, 0, 1, 2 or 3 and writes 1, 2, 3 or null (see <see cref="TraumaLevels"/>).
/// </summary>
public sealed class TraumaLevelJsonConverter : JsonConverter<TraumaLevel>
{
    public override bool HandleNull => true;

    public override TraumaLevel Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return TraumaLevel.None;
        }

        if (reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out int number)
            && TraumaLevels.TryFromNumber(number, out var level))
        {
            return level;
        }

        throw new JsonException("traumaLevel must be 1, 2, 3, or null/0 for none");
    }

    public override void Write(Utf8JsonWriter writer, TraumaLevel value, JsonSerializerOptions options)
    {
        if (value.ToNumber() is int number)
        {
            writer.WriteNumberValue(number);
        }
        else
        {
            writer.WriteNullValue();
        }
    }
}
