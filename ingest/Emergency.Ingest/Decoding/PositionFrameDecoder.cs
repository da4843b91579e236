using System.Buffers;
using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using Emergency.Domain.Ambulances;

namespace Emergency.Ingest.Decoding;

/// <summary>
/// Decodes and validates an ambulance position frame:
/// <c>{"seq":n,"ts":T,"lat":31.2304,"lon":121.4737,"speedKmh":42.0,"heading":270}</c>.
/// </summary>
/// <remarks>
/// <c>seq</c>, <c>ts</c> (as for vitals), <c>lat</c> and <c>lon</c> are required; <c>speedKmh</c> and <c>heading</c>
/// are optional and <c>null</c> means absent. Heading 360 is accepted as is. Unknown fields are skipped.
/// </remarks>
public static class PositionFrameDecoder
{
    public const double LatMin = -90, LatMax = 90;
    public const double LonMin = -180, LonMax = 180;
    public const double SpeedKmhMin = 0, SpeedKmhMax = 400;
    public const double HeadingMin = 0, HeadingMax = 360;

    /// <summary>Never throws for any payload: either <paramref name="frame"/> or <paramref name="error"/> is set.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxPayloadBytes"/> is not positive.</exception>
    public static bool TryDecode(
        in ReadOnlySequence<byte> payload,
        [NotNullWhen(true)] out PositionFrame? frame,
        [NotNullWhen(false)] out string? error,
        int maxPayloadBytes = FrameLimits.DefaultMaxPayloadBytes) =>
        FrameReader.TryDecode<Fields, PositionFrame>(payload, maxPayloadBytes, out frame, out error);

    private struct Fields : IFrameFields<PositionFrame>
    {
        private const int LatField = 0;
        private const int LonField = 1;
        private const int SpeedKmhField = 2;
        private const int HeadingField = 3;

        private double? lat;
        private double? lon;
        private double? speedKmh;
        private double? heading;

        public static int FieldIndex(ReadOnlySpan<byte> name)
        {
            if (name.SequenceEqual("lat"u8)) return LatField;
            if (name.SequenceEqual("lon"u8)) return LonField;
            if (name.SequenceEqual("speedKmh"u8)) return SpeedKmhField;
            if (name.SequenceEqual("heading"u8)) return HeadingField;
            return -1;
        }

        public bool TryReadValue(int field, in Utf8JsonReader reader, [NotNullWhen(false)] out string? error)
        {
            switch (field)
            {
                case LatField:
                    bool latValid = FrameReader.TryReadNumber(in reader, "lat", LatMin, LatMax, out double latitude, out error);
                    lat = latitude;
                    return latValid;
                case LonField:
                    bool lonValid = FrameReader.TryReadNumber(in reader, "lon", LonMin, LonMax, out double longitude, out error);
                    lon = longitude;
                    return lonValid;
                case SpeedKmhField:
                    return FrameReader.TryReadOptionalNumber(in reader, "speedKmh", SpeedKmhMin, SpeedKmhMax, out speedKmh, out error);
                case HeadingField:
                    return FrameReader.TryReadOptionalNumber(in reader, "heading", HeadingMin, HeadingMax, out heading, out error);
                default:
                    throw new UnreachableException();
            }
        }

        public readonly bool TryBuild(
            long seq, DateTimeOffset timestamp, [NotNullWhen(true)] out PositionFrame? frame, [NotNullWhen(false)] out string? error)
        {
            frame = null;
            if (lat is not { } latitude)
            {
                error = "missing lat";
                return false;
            }

            if (lon is not { } longitude)
            {
                error = "missing lon";
                return false;
            }

            frame = new PositionFrame(seq, timestamp, latitude, longitude, speedKmh, heading);
            error = null;
            return true;
        }
    }
}
