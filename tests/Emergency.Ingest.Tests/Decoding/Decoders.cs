using System.Buffers;
using Emergency.Ingest.Decoding;

namespace Emergency.Ingest.Tests.Decoding;

/// <summary>The four decoders behind one signature, for tests that hold for every frame kind.</summary>
public enum FrameKind
{
    Vitals,
    Position,
    Status,
    Context,
}

internal static class Decoders
{
    public static string Example(FrameKind kind) => kind switch
    {
        FrameKind.Vitals => Payloads.VitalsExample,
        FrameKind.Position => Payloads.PositionExample,
        FrameKind.Context => Payloads.ContextExample,
        _ => Payloads.StatusExample,
    };

    /// <summary>Decodes with the decoder for <paramref name="kind"/>; returns the frame (as object) or null, and the error.</summary>
    public static (object? Frame, string? Error) Decode(
        FrameKind kind, in ReadOnlySequence<byte> payload, int maxPayloadBytes = FrameLimits.DefaultMaxPayloadBytes)
    {
        switch (kind)
        {
            case FrameKind.Vitals:
            {
                bool ok = VitalsFrameDecoder.TryDecode(payload, out var frame, out var error, maxPayloadBytes);
                Check(ok, frame, error);
                return (frame, error);
            }

            case FrameKind.Position:
            {
                bool ok = PositionFrameDecoder.TryDecode(payload, out var frame, out var error, maxPayloadBytes);
                Check(ok, frame, error);
                return (frame, error);
            }

            case FrameKind.Context:
            {
                bool ok = ContextFrameDecoder.TryDecode(payload, out var frame, out var error, maxPayloadBytes);
                Check(ok, frame, error);
                return (frame, error);
            }

            default:
            {
                bool ok = StatusFrameDecoder.TryDecode(payload, out var frame, out var error, maxPayloadBytes);
                Check(ok, frame, error);
                return (frame, error);
            }
        }
    }

    public static (object? Frame, string? Error) Decode(FrameKind kind, string json) => Decode(kind, Payloads.Of(json));

    /// <summary>The decoder contract: success gives a frame and no error; failure gives a non-empty reason and no frame.</summary>
    private static void Check(bool ok, object? frame, string? error)
    {
        if (ok)
        {
            Assert.NotNull(frame);
            Assert.Null(error);
        }
        else
        {
            Assert.Null(frame);
            Assert.False(string.IsNullOrWhiteSpace(error));
        }
    }
}
