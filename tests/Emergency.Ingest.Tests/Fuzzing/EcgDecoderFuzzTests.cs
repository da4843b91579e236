using System.Buffers;
using CsCheck;
using Emergency.Domain.Ecg.Wire;
using Xunit.Abstractions;

namespace Emergency.Ingest.Tests.Fuzzing;

/// <summary>
/// The binary ECG decoder under generated input: random bytes, mutated valid frames (with and without a matching
/// CRC), every truncation of valid frames. No exception escapes; every input is either refused with a reason or
/// accepted within the limits, and an accepted frame encodes back to exactly the input bytes.
/// </summary>
public sealed class EcgDecoderFuzzTests(ITestOutputHelper output)
{
    [Fact]
    public void Random_bytes_are_refused_with_a_reason_or_accepted_within_the_limits() =>
        FuzzRunner.Run(output, "ecg.random-bytes", RandomOrMagicBytes, 100_000, bytes => Check(bytes), FrameGens.Show);

    [Fact]
    public void Mutated_valid_frames_are_refused_with_a_reason_or_accepted_within_the_limits()
    {
        long accepted = 0;
        long inputs = FuzzRunner.Run(output, "ecg.mutations", EcgFrameGens.Mutated, 50_000, bytes =>
        {
            if (Check(bytes))
            {
                accepted++;
            }
        }, FrameGens.Show);

        output.WriteLine($"  accepted {accepted:N0}, refused {inputs - accepted:N0}");
        Assert.InRange(accepted, 1, inputs - 1);
    }

    [Fact]
    public void Every_truncation_of_a_valid_frame_is_refused_with_a_reason()
    {
        FuzzRunner.Run(output, "ecg.truncations", EcgFrameGens.Valid, 300, bytes =>
        {
            for (var length = 0; length < bytes.Length; length++)
            {
                Assert.False(EcgFrameDecoder.TryDecode(new ReadOnlySequence<byte>(bytes, 0, length), out _, out var refusal));
                Assert.NotEqual(EcgRefusalReason.None, refusal.Reason);
            }
        }, FrameGens.Show);
    }

    /// <summary>Random bytes, half of them behind a valid magic and version so that the deeper checks are reached.</summary>
    private static readonly Gen<byte[]> RandomOrMagicBytes =
        Gen.Select(Gen.Byte.Array[0, 400], Gen.Bool, (bytes, magic) =>
            magic ? [.. "ECG1"u8.ToArray(), EcgFrameLayout.Version, .. bytes] : bytes);

    private static bool Check(byte[] bytes)
    {
        if (!EcgFrameDecoder.TryDecode(new ReadOnlySequence<byte>(bytes), out var frame, out var refusal))
        {
            Assert.NotEqual(EcgRefusalReason.None, refusal.Reason);
            Assert.False(string.IsNullOrWhiteSpace(refusal.Text));
            Assert.NotEqual("none", refusal.Code);
            return false;
        }

        Assert.InRange(frame.Leads.Count, 1, EcgFrameLayout.MaxLeads);
        Assert.InRange(frame.SamplesPerLead, 1, EcgFrameLayout.MaxSamplesPerLead);
        Assert.InRange(frame.SampleRateHz, EcgFrameLayout.MinSampleRateHz, EcgFrameLayout.MaxSampleRateHz);
        Assert.Equal(frame.Leads.Count, frame.Leads.Distinct().Count());
        Assert.Equal(bytes, EcgFrameEncoder.Encode(frame.ToBlock()));
        return true;
    }
}
