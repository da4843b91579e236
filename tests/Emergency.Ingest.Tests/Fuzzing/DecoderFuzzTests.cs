using System.Buffers;
using System.Text;
using CsCheck;
using Emergency.Domain.Ambulances;
using Emergency.Domain.Vitals;
using Emergency.Ingest.Tests.Decoding;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace Emergency.Ingest.Tests.Fuzzing;

/// <summary>
/// The four frame decoders under generated input: random bytes, structure-aware mutations of valid frames, every
/// truncation of valid frames, and valid frames re-encoded. No exception escapes; every input is accepted within the
/// contract or refused with a reason; an accepted frame written back as JSON decodes to the same frame.
/// Counts and seed are printed per target (<see cref="FuzzSettings"/> to run longer or with another seed).
/// </summary>
public sealed class DecoderFuzzTests(ITestOutputHelper output)
{
    public static TheoryData<FrameKind> Kinds => [FrameKind.Vitals, FrameKind.Position, FrameKind.Status, FrameKind.Context];

    public static TheoryData<FrameKind> EncodableKinds => [FrameKind.Vitals, FrameKind.Position, FrameKind.Status];

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Random_bytes_are_accepted_within_the_contract_or_refused_with_a_reason(FrameKind kind) =>
        FuzzRunner.Run(output, $"{kind}.random-bytes", FrameGens.RandomBytes, 125_000, payload => Check(kind, payload), FrameGens.Show);

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Mutated_valid_frames_are_accepted_within_the_contract_or_refused_with_a_reason(FrameKind kind)
    {
        long accepted = 0;
        long inputs = FuzzRunner.Run(output, $"{kind}.mutations", FrameGens.Mutated(kind), 75_000, payload =>
        {
            if (Check(kind, payload))
            {
                accepted++;
            }
        }, FrameGens.Show);

        output.WriteLine($"  accepted {accepted:N0}, refused {inputs - accepted:N0}");
        // Both outcomes must occur, or the mutations test only one side of the decoder.
        Assert.InRange(accepted, 1, inputs - 1);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Every_truncation_of_a_valid_frame_is_refused_with_a_reason(FrameKind kind)
    {
        long prefixes = 0;
        FuzzRunner.Run(output, $"{kind}.truncations", FrameGens.Valid(kind), 200, payload =>
        {
            for (int length = 0; length < payload.Length; length++)
            {
                // A valid frame cut anywhere before its closing brace is not a complete object.
                var (frame, error) = Decode(kind, payload[..length]);
                Assert.True(frame is null && error is not null, $"prefix of {length} bytes accepted");
                prefixes++;
            }
        }, FrameGens.Show);
        output.WriteLine($"  {prefixes:N0} prefixes decoded");
    }

    [Theory]
    [MemberData(nameof(EncodableKinds))]
    public void Valid_frames_decode_to_themselves(FrameKind kind)
    {
        switch (kind)
        {
            case FrameKind.Vitals:
                FuzzRunner.Run(output, "Vitals.round-trip", FrameGens.Vitals, 30_000, frame => AssertDecodesTo(kind, FrameJson.Encode(frame), frame), f => f.ToString());
                break;
            case FrameKind.Position:
                FuzzRunner.Run(output, "Position.round-trip", FrameGens.Position, 30_000, frame => AssertDecodesTo(kind, FrameJson.Encode(frame), frame), f => f.ToString());
                break;
            default:
                FuzzRunner.Run(output, "Status.round-trip", FrameGens.Status, 30_000, frame => AssertDecodesTo(kind, FrameJson.Encode(frame), frame), f => f.ToString());
                break;
        }
    }

    /// <summary>Decodes, checks the decoder contract; an accepted frame must be in range and survive re-encoding.</summary>
    private static bool Check(FrameKind kind, byte[] payload)
    {
        var (frame, _) = Decode(kind, payload);
        if (frame is null)
        {
            return false;
        }

        FrameContract.AssertWithin(frame);
        byte[]? again = frame switch
        {
            VitalsFrame v => FrameJson.Encode(v),
            PositionFrame p => FrameJson.Encode(p),
            StatusFrame s => FrameJson.Encode(s),
            _ => null, // context frames: range and rules checked above; no encoder of the context body here
        };
        if (again is not null)
        {
            AssertDecodesTo(kind, again, frame);
        }

        return true;
    }

    private static void AssertDecodesTo(FrameKind kind, byte[] payload, object expected)
    {
        var (frame, error) = Decode(kind, payload);
        if (!expected.Equals(frame))
        {
            throw new XunitException($"re-encoded {Encoding.UTF8.GetString(payload)} decoded to {frame?.ToString() ?? error}, expected {expected}");
        }
    }

    /// <summary>The decoder of <paramref name="kind"/>; any exception is a failure (the decoders never throw).</summary>
    private static (object? Frame, string? Error) Decode(FrameKind kind, byte[] payload)
    {
        try
        {
            return Decoders.Decode(kind, new ReadOnlySequence<byte>(payload));
        }
        catch (Exception e) when (e is not XunitException)
        {
            throw new XunitException($"{kind} decoder threw {e.GetType().Name}: {e.Message}");
        }
    }
}
