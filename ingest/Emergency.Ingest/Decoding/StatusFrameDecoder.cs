using System.Buffers;
using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using Emergency.Domain.Ambulances;

namespace Emergency.Ingest.Decoding;

/// <summary>
/// Decodes and validates an ambulance status frame:
/// <c>{"seq":n,"ts":T,"status":"available|dispatched|on-scene|transporting|at-hospital|out-of-service","patientId":"..."}</c>.
/// </summary>
/// <remarks>
/// <c>seq</c>, <c>ts</c> (as for vitals) and <c>status</c> are required; <c>patientId</c> is optional and <c>null</c>
/// means no patient on board. Unknown fields are skipped.
/// </remarks>
public static class StatusFrameDecoder
{
    private const string ExpectedStatus =
        "status: expected one of available, dispatched, on-scene, transporting, at-hospital, out-of-service";

    /// <summary>Never throws for any payload: either <paramref name="frame"/> or <paramref name="error"/> is set.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxPayloadBytes"/> is not positive.</exception>
    public static bool TryDecode(
        in ReadOnlySequence<byte> payload,
        [NotNullWhen(true)] out StatusFrame? frame,
        [NotNullWhen(false)] out string? error,
        int maxPayloadBytes = FrameLimits.DefaultMaxPayloadBytes) =>
        FrameReader.TryDecode<Fields, StatusFrame>(payload, maxPayloadBytes, out frame, out error);

    private struct Fields : IFrameFields<StatusFrame>
    {
        private const int StatusField = 0;
        private const int PatientIdField = 1;

        /// <summary>The longest status code, "out-of-service", fully escaped.</summary>
        private const int MaxStatusRawBytes = 14 * 6;

        private AmbulanceStatus? status;
        private string? patientId;

        public static int FieldIndex(ReadOnlySpan<byte> name)
        {
            if (name.SequenceEqual("status"u8)) return StatusField;
            if (name.SequenceEqual("patientId"u8)) return PatientIdField;
            return -1;
        }

        public bool TryReadValue(int field, in Utf8JsonReader reader, [NotNullWhen(false)] out string? error) => field switch
        {
            StatusField => TryReadStatus(in reader, out status, out error),
            PatientIdField => FrameReader.TryReadOptionalId(in reader, "patientId", out patientId, out error),
            _ => throw new UnreachableException(),
        };

        public readonly bool TryBuild(
            long seq, DateTimeOffset timestamp, [NotNullWhen(true)] out StatusFrame? frame, [NotNullWhen(false)] out string? error)
        {
            if (status is not { } value)
            {
                frame = null;
                error = "missing status";
                return false;
            }

            frame = new StatusFrame(seq, timestamp, value, patientId);
            error = null;
            return true;
        }

        private static bool TryReadStatus(in Utf8JsonReader reader, out AmbulanceStatus? value, [NotNullWhen(false)] out string? error)
        {
            value = null;
            if (reader.TokenType != JsonTokenType.String)
            {
                error = ExpectedStatus + ", got " + FrameReader.Describe(reader.TokenType);
                return false;
            }

            Span<byte> code = stackalloc byte[MaxStatusRawBytes];
            if (!FrameReader.TryCopyString(in reader, code, out int length)
                || !AmbulanceStatusCodes.TryParse(code[..length], out AmbulanceStatus parsed))
            {
                error = ExpectedStatus;
                return false;
            }

            value = parsed;
            error = null;
            return true;
        }
    }
}
