using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Unicode;
using Emergency.Domain.Patients;

namespace Emergency.Ingest.Decoding;

/// <summary>
/// Decodes and validates a crew-tablet context frame on <c>ems/{region}/ambulance/{unitId}/context</c>:
/// <c>{"seq":n,"ts":T,"patientId":"…","ageYears":67,"sex":"F","pregnant":false,"hypercapnicRespiratoryFailure":true,
/// "condition":"trauma","lvoSuspected":false,"traumaRedCriteria":["penetrating-torso"]}</c> — the body of
/// <c>PUT /api/patients/{id}/context</c> plus <c>seq</c>, <c>ts</c> and an optional <c>patientId</c> (default: the
/// patient on board).
/// </summary>
/// <remarks>
/// A context frame is rare (a few per patient), so it is read with the serializer rather than field by field as
/// vitals are; <c>seq</c> and <c>ts</c> follow exactly the vitals rules (<see cref="FrameReader"/>). The whole frame
/// is refused on the first problem found, every context problem named by its field; unknown fields are skipped.
/// </remarks>
public static class ContextFrameDecoder
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        AllowDuplicateProperties = false,
        NumberHandling = JsonNumberHandling.Strict,
        MaxDepth = FrameLimits.MaxDepth,
    };

    /// <summary>What each field holds, for the refusal of a value of the wrong type.</summary>
    private static readonly Dictionary<string, string> Expected = new(StringComparer.Ordinal)
    {
        ["patientId"] = "an id string",
        ["ageYears"] = "a whole number of years",
        ["sex"] = "a string",
        ["pregnant"] = "true or false",
        ["hypercapnicRespiratoryFailure"] = "true or false",
        ["condition"] = "a string",
        ["lvoSuspected"] = "true or false",
        ["traumaRedCriteria"] = "an array of strings",
    };

    /// <summary>Never throws for any payload: either <paramref name="frame"/> or <paramref name="error"/> is set.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxPayloadBytes"/> is not positive.</exception>
    public static bool TryDecode(
        in ReadOnlySequence<byte> payload,
        [NotNullWhen(true)] out ContextFrame? frame,
        [NotNullWhen(false)] out string? error,
        int maxPayloadBytes = FrameLimits.DefaultMaxPayloadBytes)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxPayloadBytes);
        frame = null;
        if (payload.IsEmpty)
        {
            error = "empty payload";
            return false;
        }
        if (payload.Length > maxPayloadBytes)
        {
            error = string.Create(CultureInfo.InvariantCulture, $"payload {payload.Length} bytes exceeds limit {maxPayloadBytes}");
            return false;
        }

        byte[] bytes = payload.ToArray();
        Body? body;
        try
        {
            var first = new Utf8JsonReader(bytes);
            if (!first.Read() || first.TokenType != JsonTokenType.StartObject)
            {
                error = "top-level JSON value must be an object, got " + FrameReader.Describe(first.TokenType);
                return false;
            }
            // The serializer would throw something other than a JsonException on a string that is not UTF-8.
            if (!Utf8.IsValid(bytes))
            {
                error = "payload is not valid UTF-8";
                return false;
            }
            body = JsonSerializer.Deserialize<Body>(bytes, Options);
        }
        catch (JsonException e)
        {
            error = Describe(payload, e);
            return false;
        }
        if (body is null)
        {
            error = "top-level JSON value must be an object, got null";
            return false;
        }

        if (!TryRead(body.Seq, "missing seq", FrameReader.TryReadSeq, out long seq, out error)
            || !TryRead(body.Ts, "missing ts", FrameReader.TryReadTimestamp, out DateTimeOffset ts, out error))
        {
            return false;
        }
        if (body.PatientId is { } patientId && !DeviceIds.IsValid(patientId))
        {
            error = "patientId: " + DeviceIds.Rule;
            return false;
        }

        var input = new PatientContextInput(body.AgeYears, body.Sex, body.Pregnant, body.HypercapnicRespiratoryFailure,
            body.Condition, body.LvoSuspected, body.TraumaRedCriteria);
        var (context, errors) = input.ToContext();
        if (context is null)
        {
            error = string.Join("; ", errors);
            return false;
        }
        frame = new ContextFrame(seq, ts, body.PatientId, context);
        return true;
    }

    private delegate bool ValueReader<T>(in Utf8JsonReader reader, out T value, [NotNullWhen(false)] out string? error);

    /// <summary>Reads <c>seq</c> or <c>ts</c> with the vitals rules, from the element's own JSON text.</summary>
    private static bool TryRead<T>(JsonElement? element, string missing, ValueReader<T> read, out T value, [NotNullWhen(false)] out string? error)
    {
        value = default!;
        if (element is not { } e || e.ValueKind == JsonValueKind.Undefined)
        {
            error = missing;
            return false;
        }
        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(e.GetRawText()));
        reader.Read();
        return read(in reader, out value, out error);
    }

    private static string Describe(in ReadOnlySequence<byte> payload, JsonException e)
    {
        var field = e.Path is null or "$" ? null : e.Path.TrimStart('$', '.').Split('[', '.')[0];
        if (field is not null && Expected.TryGetValue(field, out var expected))
        {
            return $"{field}: expected {expected}";
        }
        if (e.Message.Contains("maximum configured depth", StringComparison.Ordinal))
        {
            return string.Create(CultureInfo.InvariantCulture, $"nested too deep: more than {FrameLimits.MaxDepth} levels");
        }
        if (e.Message.Contains("Duplicate", StringComparison.OrdinalIgnoreCase))
        {
            return "duplicate field " + (field ?? "in the frame");
        }
        return FrameReader.InvalidJson(payload, e);
    }

    /// <summary>The frame as sent; <see cref="Seq"/> and <see cref="Ts"/> are checked with the vitals rules.</summary>
    private sealed record Body(
        JsonElement? Seq, JsonElement? Ts, string? PatientId, int? AgeYears, string? Sex, bool? Pregnant,
        bool? HypercapnicRespiratoryFailure, string? Condition, bool? LvoSuspected, string[]? TraumaRedCriteria);
}
