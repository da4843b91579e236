using System.Text;
using Emergency.Ingest.Decoding;
using static Emergency.Ingest.Tests.Decoding.Payloads;

namespace Emergency.Ingest.Tests.Decoding;

/// <summary>What holds for every frame kind: limits, JSON well-formedness, the top-level object, segmentation.</summary>
public class FrameContractTests
{
    public static TheoryData<FrameKind> Kinds => [FrameKind.Vitals, FrameKind.Position, FrameKind.Status, FrameKind.Context];

    [Theory]
    [MemberData(nameof(Kinds))]
    public void ExampleDecodes(FrameKind kind) => Assert.NotNull(Decoders.Decode(kind, Decoders.Example(kind)).Frame);

    [Theory]
    [MemberData(nameof(Kinds))]
    public void EmptyPayloadIsRefused(FrameKind kind) =>
        Assert.Equal("empty payload", Decoders.Decode(kind, "").Error);

    [Theory]
    [MemberData(nameof(Kinds))]
    public void OneMegabyteIsRefusedBeforeParsing(FrameKind kind)
    {
        byte[] junk = new byte[1 << 20];
        Random.Shared.NextBytes(junk);

        Assert.Equal("payload 1048576 bytes exceeds limit 65536", Decoders.Decode(kind, Of(junk)).Error);
        Assert.Equal("payload 1048576 bytes exceeds limit 65536", Decoders.Decode(kind, Chunked(junk, 4096)).Error);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void LimitIsInclusive(FrameKind kind)
    {
        byte[] bytes = Encoding.UTF8.GetBytes(Decoders.Example(kind));

        Assert.NotNull(Decoders.Decode(kind, Of(bytes), bytes.Length).Frame);
        Assert.Equal(
            $"payload {bytes.Length} bytes exceeds limit {bytes.Length - 1}",
            Decoders.Decode(kind, Of(bytes), bytes.Length - 1).Error);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void NotJsonIsRefused(FrameKind kind)
    {
        Assert.Equal("invalid JSON at byte 0", Decoders.Decode(kind, "hello").Error);
        Assert.Equal("invalid JSON at byte 0", Decoders.Decode(kind, Of([0xFF, 0xFE, 0x00])).Error);
        Assert.Equal("invalid JSON at byte 1", Decoders.Decode(kind, "{seq:1}").Error);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void TopLevelMustBeAnObject(FrameKind kind)
    {
        Assert.Equal("top-level JSON value must be an object, got array", Decoders.Decode(kind, "[1,2]").Error);
        Assert.Equal("top-level JSON value must be an object, got string", Decoders.Decode(kind, "\"x\"").Error);
        Assert.Equal("top-level JSON value must be an object, got number", Decoders.Decode(kind, "-1.5e3").Error);
        Assert.Equal("top-level JSON value must be an object, got null", Decoders.Decode(kind, "null").Error);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void DeepJunkIsRefused(FrameKind kind)
    {
        string json = Decoders.Example(kind).TrimEnd('}') + ",\"junk\":" + new string('[', 10_000) + new string(']', 10_000) + "}";

        Assert.StartsWith("nested too deep", Decoders.Decode(kind, json).Error, StringComparison.Ordinal);
        Assert.StartsWith("nested too deep", Decoders.Decode(kind, Chunked(Encoding.UTF8.GetBytes(json), 5)).Error, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void UnterminatedDeepJunkIsRefused(FrameKind kind)
    {
        string json = Decoders.Example(kind).TrimEnd('}') + ",\"junk\":" + new string('[', 10_000);

        Assert.StartsWith("nested too deep", Decoders.Decode(kind, json).Error, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void TopLevelDeepArrayIsNotAnObject(FrameKind kind) =>
        Assert.Equal("top-level JSON value must be an object, got array", Decoders.Decode(kind, new string('[', 10_000)).Error);

    [Theory]
    [InlineData("n", new[] { 1 }, "invalid JSON at byte 1")]
    [InlineData("t", new[] { 0, 1 }, "invalid JSON at byte 1")]
    [InlineData("{\"a\":[tr", new[] { 6, 8 }, "invalid JSON at byte 8")]
    [InlineData("{\"seq\":fals", new[] { 7, 11, 11 }, "invalid JSON at byte 11")]
    [InlineData("{\"seq\":nul", new[] { 10 }, "invalid JSON at byte 10")]
    public void TruncatedLiteralBeforeEmptySegmentsIsInvalidJson(string json, int[] cuts, string expected)
    {
        // The reader itself throws IndexOutOfRangeException on these layouts; the decoders must not.
        byte[] bytes = Encoding.UTF8.GetBytes(json);

        Assert.Equal(expected, Decoders.Decode(FrameKind.Vitals, Of(bytes)).Error);
        foreach (FrameKind kind in Enum.GetValues<FrameKind>())
        {
            Assert.Equal(expected, Decoders.Decode(kind, Split(bytes, cuts)).Error);
        }
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void EmptySegmentsAnywhereDecodeIdentically(FrameKind kind)
    {
        byte[] bytes = Encoding.UTF8.GetBytes(Decoders.Example(kind));
        object expected = Decoders.Decode(kind, Of(bytes)).Frame!;

        for (int cut = 0; cut <= bytes.Length; cut++)
        {
            Assert.Equal(expected, Decoders.Decode(kind, Split(bytes, 0, cut, cut, cut, bytes.Length, bytes.Length)).Frame);
        }
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void SplitAtEveryPositionDecodesIdentically(FrameKind kind)
    {
        byte[] bytes = Encoding.UTF8.GetBytes(Decoders.Example(kind));
        object expected = Decoders.Decode(kind, Of(bytes)).Frame!;

        for (int first = 0; first <= bytes.Length; first++)
        {
            Assert.Equal(expected, Decoders.Decode(kind, Split(bytes, first)).Frame);
            for (int second = first; second <= bytes.Length; second += 3)
            {
                Assert.Equal(expected, Decoders.Decode(kind, Split(bytes, first, second)).Frame);
            }
        }
    }
}
