using System.Buffers;
using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.Json;
using Emergency.Domain.Vitals;

namespace Emergency.Ingest.Decoding;

/// <summary>
/// Decodes and validates a vitals frame:
/// <c>{"patientId":"P-7F3A2","seq":1042,"ts":"2026-11-23T07:37:17.123Z","hr":112,"rr":24,"spo2":93,"sbp":98,"dbp":60,"temp":38.4,"acvpu":"A","o2":true,"spo2Scale":1}</c>.
/// </summary>
/// <remarks>
/// <para><c>seq</c> (non-negative integer) and <c>ts</c> (ISO 8601 with <c>Z</c> or an offset, converted to UTC, or
/// integer Unix milliseconds; years 2000–2100) are required. <c>patientId</c> and every vital are optional and
/// <c>null</c> means absent; a frame carrying no vital at all is valid.</para>
/// <para>A frame with any invalid part is refused whole, with a reason naming the field. Unknown fields are skipped;
/// known field names are case-sensitive and may appear once.</para>
/// </remarks>
public static class VitalsFrameDecoder
{
    public const double HrMin = VitalRanges.HrMin, HrMax = VitalRanges.HrMax;
    public const double RrMin = VitalRanges.RrMin, RrMax = VitalRanges.RrMax;
    public const double Spo2Min = VitalRanges.Spo2Min, Spo2Max = VitalRanges.Spo2Max;
    public const double SbpMin = VitalRanges.SbpMin, SbpMax = VitalRanges.SbpMax;
    public const double DbpMin = VitalRanges.DbpMin, DbpMax = VitalRanges.DbpMax;
    public const double TempMin = VitalRanges.TempMin, TempMax = VitalRanges.TempMax;

    /// <summary>Never throws for any payload: either <paramref name="frame"/> or <paramref name="error"/> is set.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxPayloadBytes"/> is not positive.</exception>
    public static bool TryDecode(
        in ReadOnlySequence<byte> payload,
        [NotNullWhen(true)] out VitalsFrame? frame,
        [NotNullWhen(false)] out string? error,
        int maxPayloadBytes = FrameLimits.DefaultMaxPayloadBytes) =>
        FrameReader.TryDecode<Fields, VitalsFrame>(payload, maxPayloadBytes, out frame, out error);

    private struct Fields : IFrameFields<VitalsFrame>
    {
        private const int PatientIdField = 0;
        private const int HrField = 1;
        private const int RrField = 2;
        private const int Spo2Field = 3;
        private const int SbpField = 4;
        private const int DbpField = 5;
        private const int TempField = 6;
        private const int AcvpuField = 7;
        private const int O2Field = 8;
        private const int Spo2ScaleField = 9;

        private string? patientId;
        private double? hr;
        private double? rr;
        private double? spo2;
        private double? sbp;
        private double? dbp;
        private double? temp;
        private Acvpu? acvpu;
        private bool? o2;
        private Spo2Scale? spo2Scale;

        public static int FieldIndex(ReadOnlySpan<byte> name)
        {
            if (name.SequenceEqual("patientId"u8)) return PatientIdField;
            if (name.SequenceEqual("hr"u8)) return HrField;
            if (name.SequenceEqual("rr"u8)) return RrField;
            if (name.SequenceEqual("spo2"u8)) return Spo2Field;
            if (name.SequenceEqual("sbp"u8)) return SbpField;
            if (name.SequenceEqual("dbp"u8)) return DbpField;
            if (name.SequenceEqual("temp"u8)) return TempField;
            if (name.SequenceEqual("acvpu"u8)) return AcvpuField;
            if (name.SequenceEqual("o2"u8)) return O2Field;
            if (name.SequenceEqual("spo2Scale"u8)) return Spo2ScaleField;
            return -1;
        }

        public bool TryReadValue(int field, in Utf8JsonReader reader, [NotNullWhen(false)] out string? error) => field switch
        {
            PatientIdField => FrameReader.TryReadOptionalId(in reader, "patientId", out patientId, out error),
            HrField => FrameReader.TryReadOptionalNumber(in reader, "hr", HrMin, HrMax, out hr, out error),
            RrField => FrameReader.TryReadOptionalNumber(in reader, "rr", RrMin, RrMax, out rr, out error),
            Spo2Field => FrameReader.TryReadOptionalNumber(in reader, "spo2", Spo2Min, Spo2Max, out spo2, out error),
            SbpField => FrameReader.TryReadOptionalNumber(in reader, "sbp", SbpMin, SbpMax, out sbp, out error),
            DbpField => FrameReader.TryReadOptionalNumber(in reader, "dbp", DbpMin, DbpMax, out dbp, out error),
            TempField => FrameReader.TryReadOptionalNumber(in reader, "temp", TempMin, TempMax, out temp, out error),
            AcvpuField => TryReadAcvpu(in reader, out acvpu, out error),
            O2Field => FrameReader.TryReadOptionalBoolean(in reader, "o2", out o2, out error),
            Spo2ScaleField => TryReadSpo2Scale(in reader, out spo2Scale, out error),
            _ => throw new UnreachableException(),
        };

        public readonly bool TryBuild(
            long seq, DateTimeOffset timestamp, [NotNullWhen(true)] out VitalsFrame? frame, [NotNullWhen(false)] out string? error)
        {
            if (sbp is { } systolic && dbp is { } diastolic && diastolic > systolic)
            {
                frame = null;
                error = string.Create(CultureInfo.InvariantCulture, $"dbp {diastolic} exceeds sbp {systolic}");
                return false;
            }

            frame = new VitalsFrame(
                patientId, seq, timestamp, new VitalSigns(hr, rr, spo2, sbp, dbp, temp, acvpu, o2, spo2Scale));
            error = null;
            return true;
        }

        private static bool TryReadAcvpu(in Utf8JsonReader reader, out Acvpu? value, [NotNullWhen(false)] out string? error)
        {
            const string Expected = "acvpu: expected one of A C V P U";
            value = null;
            if (reader.TokenType == JsonTokenType.Null)
            {
                error = null;
                return true;
            }

            if (reader.TokenType != JsonTokenType.String)
            {
                error = Expected + ", got " + FrameReader.Describe(reader.TokenType);
                return false;
            }

            Span<byte> code = stackalloc byte[8];
            if (!FrameReader.TryCopyString(in reader, code, out int length) || length != 1
                || !AcvpuCodes.TryParse((char)code[0], out Acvpu level))
            {
                error = Expected;
                return false;
            }

            value = level;
            error = null;
            return true;
        }

        private static bool TryReadSpo2Scale(in Utf8JsonReader reader, out Spo2Scale? value, [NotNullWhen(false)] out string? error)
        {
            value = null;
            switch (reader.TokenType)
            {
                case JsonTokenType.Null:
                    error = null;
                    return true;
                case JsonTokenType.Number:
                    if (FrameReader.TryGetInt64(in reader, out long scale) && scale is 1 or 2)
                    {
                        value = (Spo2Scale)scale;
                        error = null;
                        return true;
                    }

                    error = "spo2Scale " + FrameReader.RawText(in reader) + ": expected 1 or 2";
                    return false;
                default:
                    error = "spo2Scale: expected 1 or 2, got " + FrameReader.Describe(reader.TokenType);
                    return false;
            }
        }
    }
}
