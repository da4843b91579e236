using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Unicode;

namespace Emergency.Ingest.Decoding;

/// <summary>
/// What one kind of frame adds to the <c>seq</c> and <c>ts</c> every frame carries. Implemented by a mutable struct
/// private to each decoder; <see cref="FrameReader"/> drives it without boxing.
/// </summary>
internal interface IFrameFields<TFrame>
    where TFrame : class
{
    /// <summary>Index 0–29 of the frame's own field named <paramref name="name"/> (unescaped UTF-8), or −1.</summary>
    static abstract int FieldIndex(ReadOnlySpan<byte> name);

    /// <summary>Reads and checks the value of <paramref name="field"/>; the reader is on the value token.</summary>
    bool TryReadValue(int field, in Utf8JsonReader reader, [NotNullWhen(false)] out string? error);

    /// <summary>Checks what involves several fields (and required ones) and creates the frame.</summary>
    bool TryBuild(
        long seq, DateTimeOffset timestamp, [NotNullWhen(true)] out TFrame? frame, [NotNullWhen(false)] out string? error);
}

/// <summary>
/// Reading and validation shared by the frame decoders: payload limits, the object walk with duplicate detection
/// and skipping of unknown fields, <c>seq</c>, <c>ts</c>, ids, numbers in range, and refusal reasons.
/// Reads straight from the payload bytes with <see cref="Utf8JsonReader"/>; on success nothing is allocated
/// except what the frame keeps (the frame object and its patient id). Refusal reasons format numbers with the
/// invariant culture.
/// </summary>
internal static class FrameReader
{
    public const string NotTimestamp = "ts: not ISO 8601 UTC or Unix milliseconds";

    private const uint SeqBit = 1u << 0;
    private const uint TimestampBit = 1u << 1;
    private const int FirstFieldBit = 2;

    /// <summary>A JSON escape such as <c>\u0041</c> takes up to six bytes for one byte of text.</summary>
    private const int MaxEscapedBytesPerByte = 6;

    /// <summary>Longer names cannot be a known field even fully escaped (the longest known name has 9 characters).</summary>
    private const int MaxKnownNameRawBytes = 64;

    private const int MaxTimestampBytes = 64;
    private const int MaxQuotedBytes = 32;
    private const int MaxNumberBytes = 64;

    private static readonly long MinUnixMilliseconds = FrameLimits.MinTimestamp.ToUnixTimeMilliseconds();
    private static readonly long EndUnixMilliseconds = FrameLimits.EndTimestamp.ToUnixTimeMilliseconds();

    // Comments, trailing commas and several top-level values are refused (the defaults). The reader's own depth limit
    // sits above FrameLimits.MaxDepth so that deep nesting is reported by the skip loop as "nested too deep".
    private static readonly JsonReaderOptions ReaderOptions = new() { MaxDepth = 4 * FrameLimits.MaxDepth };

    public static bool TryDecode<TFields, TFrame>(
        in ReadOnlySequence<byte> payload,
        int maxPayloadBytes,
        [NotNullWhen(true)] out TFrame? frame,
        [NotNullWhen(false)] out string? error)
        where TFields : struct, IFrameFields<TFrame>
        where TFrame : class
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

        var reader = new Utf8JsonReader(WithoutTrailingEmptySegments(payload), ReaderOptions);
        try
        {
            TFields fields = default;
            return TryReadFrame<TFields, TFrame>(ref reader, ref fields, out frame, out error);
        }
        catch (JsonException e)
        {
            frame = null;
            error = InvalidJson(payload, e);
            return false;
        }
    }

    /// <summary>
    /// The payload without empty segments at its end. On a truncated <c>true</c>, <c>false</c> or <c>null</c> followed
    /// by an empty segment, <see cref="Utf8JsonReader"/> throws <see cref="IndexOutOfRangeException"/> instead of
    /// <see cref="JsonException"/> (dotnet/runtime#134448); without the empty tail it reports the error normally.
    /// </summary>
    private static ReadOnlySequence<byte> WithoutTrailingEmptySegments(in ReadOnlySequence<byte> payload)
    {
        if (payload.IsSingleSegment)
        {
            return payload;
        }

        SequencePosition next = payload.Start;
        SequencePosition current = next;
        SequencePosition lastStart = next;
        int lastLength = 0;
        bool emptyTail = false;
        while (payload.TryGet(ref next, out ReadOnlyMemory<byte> memory))
        {
            emptyTail = memory.IsEmpty;
            if (!emptyTail)
            {
                lastStart = current;
                lastLength = memory.Length;
            }

            current = next;
        }

        // Positions in a segment sequence are (segment, index in its memory); the end is built directly because
        // seeking by offset lands on the start of the following empty segment rather than the end of this one.
        return emptyTail
            ? payload.Slice(payload.Start, new SequencePosition(lastStart.GetObject(), lastStart.GetInteger() + lastLength))
            : payload;
    }

    private static bool TryReadFrame<TFields, TFrame>(
        ref Utf8JsonReader reader,
        ref TFields fields,
        [NotNullWhen(true)] out TFrame? frame,
        [NotNullWhen(false)] out string? error)
        where TFields : struct, IFrameFields<TFrame>
        where TFrame : class
    {
        frame = null;

        // The payload is not empty and is the final block: Read either yields the first token or throws.
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            error = "top-level JSON value must be an object, got " + Describe(reader.TokenType);
            return false;
        }

        long seq = 0;
        DateTimeOffset timestamp = default;
        uint seen = 0;
        Span<byte> nameBuffer = stackalloc byte[MaxKnownNameRawBytes];

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            ReadOnlySpan<byte> name = KnownNameCandidate(in reader, nameBuffer);
            int field = -1;
            uint bit;
            if (name.SequenceEqual("seq"u8))
            {
                bit = SeqBit;
            }
            else if (name.SequenceEqual("ts"u8))
            {
                bit = TimestampBit;
            }
            else if ((field = TFields.FieldIndex(name)) >= 0)
            {
                bit = 1u << (FirstFieldBit + field);
            }
            else
            {
                if (!TrySkipUnknown(ref reader, out error))
                {
                    return false;
                }

                continue;
            }

            if ((seen & bit) != 0)
            {
                error = "duplicate field " + Encoding.UTF8.GetString(name);
                return false;
            }

            seen |= bit;
            reader.Read();

            if (bit == SeqBit)
            {
                if (!TryReadSeq(in reader, out seq, out error))
                {
                    return false;
                }
            }
            else if (bit == TimestampBit)
            {
                if (!TryReadTimestamp(in reader, out timestamp, out error))
                {
                    return false;
                }
            }
            else if (!fields.TryReadValue(field, in reader, out error))
            {
                return false;
            }
        }

        // Inside an object the final block ends in '}' or the reader throws; anything but whitespace after it throws too.
        if (reader.TokenType != JsonTokenType.EndObject || reader.Read())
        {
            error = string.Create(CultureInfo.InvariantCulture, $"invalid JSON at byte {reader.BytesConsumed}");
            return false;
        }

        if ((seen & SeqBit) == 0)
        {
            error = "missing seq";
            return false;
        }

        if ((seen & TimestampBit) == 0)
        {
            error = "missing ts";
            return false;
        }

        return fields.TryBuild(seq, timestamp, out frame, out error);
    }

    /// <summary>
    /// The property name the reader is on, unescaped, or an empty span when it cannot be a known field
    /// (too long, or an escape that is not valid UTF-16).
    /// </summary>
    private static ReadOnlySpan<byte> KnownNameCandidate(in Utf8JsonReader reader, Span<byte> buffer)
    {
        if (!reader.ValueIsEscaped && !reader.HasValueSequence)
        {
            return reader.ValueSpan;
        }

        return TryCopyString(in reader, buffer, out int length) ? buffer[..length] : default;
    }

    /// <summary>
    /// Skips an unknown property (the reader is on its name) and its value whatever it holds, refusing nesting deeper
    /// than <see cref="FrameLimits.MaxDepth"/> and strings that are not valid UTF-8.
    /// </summary>
    private static bool TrySkipUnknown(ref Utf8JsonReader reader, [NotNullWhen(false)] out string? error)
    {
        if (!IsValidUtf8(in reader))
        {
            error = InvalidUtf8(in reader);
            return false;
        }

        reader.Read();
        if (reader.TokenType is not (JsonTokenType.StartObject or JsonTokenType.StartArray))
        {
            if (reader.TokenType == JsonTokenType.String && !IsValidUtf8(in reader))
            {
                error = InvalidUtf8(in reader);
                return false;
            }

            error = null;
            return true;
        }

        int depth = reader.CurrentDepth;
        do
        {
            switch (reader.TokenType)
            {
                // A container at depth d opens nesting level d + 1 (the frame object is level 1).
                case JsonTokenType.StartObject or JsonTokenType.StartArray when reader.CurrentDepth >= FrameLimits.MaxDepth:
                    error = string.Create(
                        CultureInfo.InvariantCulture,
                        $"nested too deep: more than {FrameLimits.MaxDepth} levels at byte {reader.TokenStartIndex}");
                    return false;
                case JsonTokenType.EndObject or JsonTokenType.EndArray when reader.CurrentDepth == depth:
                    error = null;
                    return true;
                case JsonTokenType.String or JsonTokenType.PropertyName when !IsValidUtf8(in reader):
                    error = InvalidUtf8(in reader);
                    return false;
            }
        }
        while (reader.Read());

        error = string.Create(CultureInfo.InvariantCulture, $"invalid JSON at byte {reader.BytesConsumed}");
        return false;
    }

    public static bool TryReadSeq(in Utf8JsonReader reader, out long seq, [NotNullWhen(false)] out string? error)
    {
        if (reader.TokenType != JsonTokenType.Number)
        {
            seq = 0;
            error = "seq: expected a non-negative integer, got " + Describe(reader.TokenType);
            return false;
        }

        if (!TryGetInt64(in reader, out seq) || seq < 0)
        {
            error = "seq " + RawText(in reader) + ": expected a non-negative integer";
            return false;
        }

        error = null;
        return true;
    }

    /// <summary>
    /// <c>ts</c> as Unix milliseconds (an integer) or an ISO 8601 string with <c>Z</c> or a <c>±hh:mm</c> offset;
    /// an offset other than zero is converted, so the result is always UTC. Times without an offset are refused
    /// (they would be read as the server's local time), as are times outside the years 2000–2100.
    /// </summary>
    public static bool TryReadTimestamp(
        in Utf8JsonReader reader, out DateTimeOffset timestamp, [NotNullWhen(false)] out string? error)
    {
        timestamp = default;
        if (reader.TokenType == JsonTokenType.Number)
        {
            if (!TryGetInt64(in reader, out long milliseconds))
            {
                error = "ts " + RawText(in reader) + ": Unix milliseconds must be an integer";
                return false;
            }

            if (milliseconds < MinUnixMilliseconds || milliseconds >= EndUnixMilliseconds)
            {
                error = string.Create(CultureInfo.InvariantCulture, $"ts {milliseconds}: outside the years 2000–2100");
                return false;
            }

            timestamp = DateTimeOffset.FromUnixTimeMilliseconds(milliseconds);
            error = null;
            return true;
        }

        if (reader.TokenType != JsonTokenType.String)
        {
            error = NotTimestamp;
            return false;
        }

        Span<byte> text = stackalloc byte[MaxTimestampBytes * MaxEscapedBytesPerByte];
        if (!TryCopyString(in reader, text, out int length) || length > MaxTimestampBytes)
        {
            error = NotTimestamp;
            return false;
        }

        if (!HasUtcDesignatorOrOffset(text[..length]))
        {
            error = "ts: ISO 8601 time must end in Z or ±hh:mm";
            return false;
        }

        if (!reader.TryGetDateTimeOffset(out DateTimeOffset parsed))
        {
            error = NotTimestamp;
            return false;
        }

        timestamp = parsed.ToUniversalTime();
        if (timestamp < FrameLimits.MinTimestamp || timestamp >= FrameLimits.EndTimestamp)
        {
            error = string.Create(
                CultureInfo.InvariantCulture, $"ts {timestamp:yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'}: outside the years 2000–2100");
            timestamp = default;
            return false;
        }

        error = null;
        return true;
    }

    private static bool HasUtcDesignatorOrOffset(ReadOnlySpan<byte> text) =>
        text is [.., (byte)'Z']
        || text is [.., (byte)'+' or (byte)'-', _, _, (byte)':', _, _];

    /// <summary>A required number in <c>[min, max]</c>.</summary>
    public static bool TryReadNumber(
        in Utf8JsonReader reader, string field, double min, double max, out double value, [NotNullWhen(false)] out string? error)
    {
        if (reader.TokenType != JsonTokenType.Number)
        {
            value = 0;
            error = field + ": expected a number, got " + Describe(reader.TokenType);
            return false;
        }

        // Overflowing literals such as 1e400 read as infinity and fail the range check.
        if (!TryGetDouble(in reader, out value) || !(value >= min && value <= max))
        {
            error = string.Create(CultureInfo.InvariantCulture, $"{field} {RawText(in reader)} outside {min}–{max}");
            return false;
        }

        error = null;
        return true;
    }

    /// <summary>The number token the reader is on as an integer; false for fractions, exponents and overflow.</summary>
    public static bool TryGetInt64(in Utf8JsonReader reader, out long value)
    {
        Span<byte> buffer = stackalloc byte[MaxNumberBytes];
        return long.TryParse(NumberText(in reader, buffer), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);
    }

    /// <summary>The number token the reader is on; literals beyond the double range read as infinity.</summary>
    public static bool TryGetDouble(in Utf8JsonReader reader, out double value)
    {
        Span<byte> buffer = stackalloc byte[MaxNumberBytes];
        return double.TryParse(NumberText(in reader, buffer), NumberStyles.Float, CultureInfo.InvariantCulture, out value);
    }

    /// <summary>
    /// The text of the number token the reader is on. The reader's own getters copy a token that spans payload
    /// segments to a new array; this copies it to <paramref name="buffer"/> instead, unless it is absurdly long.
    /// The reader has already checked the JSON number grammar.
    /// </summary>
    private static ReadOnlySpan<byte> NumberText(in Utf8JsonReader reader, Span<byte> buffer)
    {
        if (!reader.HasValueSequence)
        {
            return reader.ValueSpan;
        }

        ReadOnlySequence<byte> text = reader.ValueSequence;
        if (text.Length > buffer.Length)
        {
            return text.ToArray();
        }

        text.CopyTo(buffer);
        return buffer[..(int)text.Length];
    }

    /// <summary>An optional number in <c>[min, max]</c>; <c>null</c> means absent.</summary>
    public static bool TryReadOptionalNumber(
        in Utf8JsonReader reader, string field, double min, double max, out double? value, [NotNullWhen(false)] out string? error)
    {
        value = null;
        if (reader.TokenType == JsonTokenType.Null)
        {
            error = null;
            return true;
        }

        if (!TryReadNumber(in reader, field, min, max, out double number, out error))
        {
            return false;
        }

        value = number;
        return true;
    }

    /// <summary>An optional <c>true</c>/<c>false</c>; <c>null</c> means absent.</summary>
    public static bool TryReadOptionalBoolean(
        in Utf8JsonReader reader, string field, out bool? value, [NotNullWhen(false)] out string? error)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.True: value = true; break;
            case JsonTokenType.False: value = false; break;
            case JsonTokenType.Null: value = null; break;
            default:
                value = null;
                error = field + ": expected true or false, got " + Describe(reader.TokenType);
                return false;
        }

        error = null;
        return true;
    }

    /// <summary>An optional id following <see cref="DeviceIds"/> (such as <c>patientId</c>); <c>null</c> means absent.</summary>
    public static bool TryReadOptionalId(
        in Utf8JsonReader reader, string field, out string? value, [NotNullWhen(false)] out string? error)
    {
        value = null;
        if (reader.TokenType == JsonTokenType.Null)
        {
            error = null;
            return true;
        }

        if (reader.TokenType != JsonTokenType.String)
        {
            error = field + ": expected a string, got " + Describe(reader.TokenType);
            return false;
        }

        Span<byte> id = stackalloc byte[DeviceIds.MaxLength * MaxEscapedBytesPerByte];
        if (!TryCopyString(in reader, id, out int length) || !DeviceIds.IsValid(id[..length]))
        {
            error = field + ": " + DeviceIds.Rule;
            return false;
        }

        value = IdPool.Get(id[..length]);
        error = null;
        return true;
    }

    /// <summary>
    /// Unescapes the string the reader is on into <paramref name="buffer"/>. False when its raw form is longer than
    /// the buffer, or it is not valid UTF-8, or it escapes an unpaired surrogate.
    /// </summary>
    public static bool TryCopyString(in Utf8JsonReader reader, Span<byte> buffer, out int length)
    {
        long rawLength = reader.HasValueSequence ? reader.ValueSequence.Length : reader.ValueSpan.Length;
        if (rawLength > buffer.Length)
        {
            length = 0;
            return false;
        }

        try
        {
            // Unescaping never lengthens a string, so the raw length bounds the copy.
            length = reader.CopyString(buffer);
            return true;
        }
        catch (InvalidOperationException)
        {
            length = 0;
            return false;
        }
    }

    /// <summary>Whether the raw bytes of the string or property name the reader is on are valid UTF-8.</summary>
    private static bool IsValidUtf8(in Utf8JsonReader reader)
    {
        if (!reader.HasValueSequence)
        {
            return Utf8.IsValid(reader.ValueSpan);
        }

        // Split across segments: a character may straddle the boundary, so check a contiguous copy.
        ReadOnlySequence<byte> value = reader.ValueSequence;
        int length = checked((int)value.Length);
        byte[]? rented = null;
        Span<byte> copy = length <= 256 ? stackalloc byte[256] : (rented = ArrayPool<byte>.Shared.Rent(length));
        value.CopyTo(copy);
        bool valid = Utf8.IsValid(copy[..length]);
        if (rented is not null)
        {
            ArrayPool<byte>.Shared.Return(rented);
        }

        return valid;
    }

    private static string InvalidUtf8(in Utf8JsonReader reader) =>
        string.Create(CultureInfo.InvariantCulture, $"invalid JSON at byte {reader.TokenStartIndex}: string is not valid UTF-8");

    /// <summary>
    /// "invalid JSON at byte N", N counted from the start of the payload. The reader reports a line and a byte within
    /// that line; for a payload spread over several lines the line start is found again.
    /// </summary>
    internal static string InvalidJson(in ReadOnlySequence<byte> payload, JsonException exception)
    {
        long line = exception.LineNumber ?? 0;
        long offset = exception.BytePositionInLine ?? 0;
        if (line > 0)
        {
            offset += StartOfLine(payload, line);
        }

        return string.Create(CultureInfo.InvariantCulture, $"invalid JSON at byte {offset}");
    }

    private static long StartOfLine(in ReadOnlySequence<byte> payload, long line)
    {
        long consumed = 0;
        foreach (ReadOnlyMemory<byte> segment in payload)
        {
            ReadOnlySpan<byte> span = segment.Span;
            int index;
            while ((index = span.IndexOf((byte)'\n')) >= 0)
            {
                consumed += index + 1;
                span = span[(index + 1)..];
                if (--line == 0)
                {
                    return consumed;
                }
            }

            consumed += span.Length;
        }

        return consumed;
    }

    /// <summary>The raw text of the number token the reader is on, shortened for a refusal reason.</summary>
    public static string RawText(in Utf8JsonReader reader)
    {
        Span<byte> text = stackalloc byte[MaxQuotedBytes];
        long rawLength;
        if (reader.HasValueSequence)
        {
            ReadOnlySequence<byte> value = reader.ValueSequence;
            rawLength = value.Length;
            value.Slice(0, Math.Min(rawLength, MaxQuotedBytes)).CopyTo(text);
        }
        else
        {
            ReadOnlySpan<byte> value = reader.ValueSpan;
            rawLength = value.Length;
            value[..(int)Math.Min(rawLength, MaxQuotedBytes)].CopyTo(text);
        }

        // Number tokens are ASCII.
        string shown = Encoding.ASCII.GetString(text[..(int)Math.Min(rawLength, MaxQuotedBytes)]);
        return rawLength > MaxQuotedBytes ? shown + "…" : shown;
    }

    public static string Describe(JsonTokenType token) => token switch
    {
        JsonTokenType.String => "string",
        JsonTokenType.Number => "number",
        JsonTokenType.True or JsonTokenType.False => "boolean",
        JsonTokenType.Null => "null",
        JsonTokenType.StartObject => "object",
        JsonTokenType.StartArray => "array",
        _ => "nothing",
    };
}
