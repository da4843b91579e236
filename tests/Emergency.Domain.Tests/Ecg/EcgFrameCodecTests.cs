using System.Buffers;
using System.Buffers.Binary;
using Emergency.Domain.Ecg.Wire;

namespace Emergency.Domain.Tests.Ecg;

public sealed class EcgFrameCodecTests
{
    [Fact]
    public void Twelve_leads_of_250_ms_round_trip_with_every_header_field_and_sample()
    {
        var samples = EcgFrames.Pattern(12, 125);
        var bytes = EcgFrameEncoder.Encode(4_000_000_000, 1_767_225_600_123, 500, 2.5f, EcgLeads.Standard12, samples);

        Assert.True(EcgFrameDecoder.TryDecode(new ReadOnlySequence<byte>(bytes), out var frame, out var refusal), refusal.Text);
        Assert.Equal(4_000_000_000u, frame.Seq);
        Assert.Equal(1_767_225_600_123, frame.StartUnixMs);
        Assert.Equal(500, frame.SampleRateHz);
        Assert.Equal(125, frame.SamplesPerLead);
        Assert.Equal(2.5f, frame.MicrovoltsPerLsb);
        Assert.Equal(EcgLeads.Standard12, frame.Leads);
        Assert.Equal(250.0, frame.DurationMs);
        var block = frame.ToBlock();
        for (var l = 0; l < 12; l++)
        {
            Assert.Equal(samples[l], block.Samples[l]);
        }
    }

    [Fact]
    public void A_12_lead_250_ms_frame_is_about_3_KB()
    {
        Assert.Equal(26 + 12 + (12 * 125 * 2) + 4, EcgFrames.TwelveLead().Length);
    }

    [Fact]
    public void The_sample_block_is_a_slice_of_the_received_buffer_not_a_copy()
    {
        var bytes = EcgFrames.TwelveLead();
        var memory = new ReadOnlyMemory<byte>(bytes);
        Assert.True(EcgFrameDecoder.TryDecode(new ReadOnlySequence<byte>(memory), out var frame, out _));

        Assert.True(System.Runtime.InteropServices.MemoryMarshal.TryGetArray(frame.SampleBlock.First, out var segment));
        Assert.Same(bytes, segment.Array);
        Assert.Equal(EcgFrameLayout.FixedHeaderBytes + 12, segment.Offset);
    }

    [Fact]
    public void A_subset_of_leads_in_any_order_round_trips()
    {
        EcgLead[] leads = [EcgLead.aVF, EcgLead.II];
        var bytes = EcgFrameEncoder.Encode(1, 0, 250, 1f, leads, EcgFrames.Pattern(2, 10));

        Assert.True(EcgFrameDecoder.TryDecode(new ReadOnlySequence<byte>(bytes), out var frame, out _));
        Assert.Equal(leads, frame.Leads);
        Assert.Equal(EcgFrames.Pattern(2, 10)[1], frame.ToBlock().Samples[1]);
    }

    [Fact]
    public void A_frame_split_at_every_byte_boundary_decodes_identically()
    {
        var bytes = EcgFrames.TwelveLead(perLead: 20);
        var whole = Decode(new ReadOnlySequence<byte>(bytes));
        for (var cut = 1; cut < bytes.Length; cut++)
        {
            var split = Decode(EcgFrames.Split(bytes, cut, cut / 2, cut + 3));
            Assert.Equal(whole.Seq, split.Seq);
            for (var l = 0; l < 12; l++)
            {
                Assert.Equal(whole.Samples[l], split.Samples[l]);
            }
        }
    }

    [Fact]
    public void Short_header_is_refused()
    {
        var refusal = Refuse(EcgFrames.TwelveLead()[..25]);
        Assert.Equal(EcgRefusalReason.ShortHeader, refusal.Reason);
        Assert.Equal("ecg_short_header", refusal.Code);
    }

    [Fact]
    public void Empty_payload_is_refused_as_a_short_header() =>
        Assert.Equal(EcgRefusalReason.ShortHeader, Refuse([]).Reason);

    [Fact]
    public void Bad_magic_is_refused()
    {
        var bytes = EcgFrames.TwelveLead();
        bytes[3] = (byte)'2';
        Assert.Equal(EcgRefusalReason.BadMagic, Refuse(bytes).Reason);
    }

    [Fact]
    public void Unknown_version_is_refused()
    {
        var bytes = EcgFrames.TwelveLead();
        bytes[EcgFrameLayout.VersionOffset] = 2;
        Assert.Equal(EcgRefusalReason.UnsupportedVersion, Refuse(bytes).Reason);
    }

    [Fact]
    public void Bad_crc_is_refused()
    {
        var bytes = EcgFrames.TwelveLead();
        bytes[100] ^= 0x01; // one bit of one sample
        var refusal = Refuse(bytes);
        Assert.Equal(EcgRefusalReason.BadCrc, refusal.Reason);
        Assert.Contains("CRC-32", refusal.Text);
    }

    [Fact]
    public void Sample_count_that_does_not_match_the_length_is_refused()
    {
        var bytes = EcgFrames.TwelveLead();
        BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(EcgFrameLayout.SamplesPerLeadOffset), 124);
        Assert.Equal(EcgRefusalReason.SampleCountMismatch, Refuse(bytes).Reason);
        Assert.Equal(EcgRefusalReason.SampleCountMismatch, Refuse(EcgFrames.TwelveLead()[..^1]).Reason);
        Assert.Equal(EcgRefusalReason.SampleCountMismatch, Refuse([.. EcgFrames.TwelveLead(), 0]).Reason);
    }

    [Fact]
    public void Oversize_frame_is_refused_before_anything_else_is_read() =>
        Assert.Equal(EcgRefusalReason.Oversize, Refuse(new byte[EcgFrameLayout.MaxFrameBytes + 1]).Reason);

    [Theory]
    [InlineData(0)]
    [InlineData(13)]
    public void Lead_count_outside_1_to_12_is_refused(byte count)
    {
        var bytes = EcgFrames.TwelveLead();
        bytes[EcgFrameLayout.LeadCountOffset] = count;
        Assert.Equal(EcgRefusalReason.BadLeadCount, Refuse(bytes).Reason);
    }

    [Fact]
    public void Unknown_lead_id_is_refused()
    {
        var bytes = Recrc(EcgFrames.TwelveLead(), b => b[EcgFrameLayout.FixedHeaderBytes + 3] = 12);
        Assert.Equal(EcgRefusalReason.BadLeadId, Refuse(bytes).Reason);
    }

    [Fact]
    public void A_lead_twice_is_refused()
    {
        var bytes = Recrc(EcgFrames.TwelveLead(), b => b[EcgFrameLayout.FixedHeaderBytes + 1] = 0);
        Assert.Equal(EcgRefusalReason.DuplicateLead, Refuse(bytes).Reason);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(49)]
    [InlineData(2001)]
    public void Sample_rate_out_of_range_is_refused(int rate)
    {
        var bytes = EcgFrames.TwelveLead();
        BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(EcgFrameLayout.SampleRateOffset), (ushort)rate);
        Assert.Equal(EcgRefusalReason.BadSampleRate, Refuse(bytes).Reason);
    }

    [Fact]
    public void Zero_samples_per_lead_is_refused()
    {
        var bytes = EcgFrames.TwelveLead();
        BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(EcgFrameLayout.SamplesPerLeadOffset), 0);
        Assert.Equal(EcgRefusalReason.BadSamplesPerLead, Refuse(bytes).Reason);
    }

    [Theory]
    [InlineData(0f)]
    [InlineData(-1f)]
    [InlineData(float.NaN)]
    [InlineData(float.PositiveInfinity)]
    [InlineData(1001f)]
    public void Scale_that_is_not_a_positive_finite_value_up_to_1000_uV_is_refused(float scale)
    {
        var bytes = EcgFrames.TwelveLead();
        BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(EcgFrameLayout.ScaleOffset), scale);
        Assert.Equal(EcgRefusalReason.BadScale, Refuse(bytes).Reason);
    }

    [Fact]
    public void The_encoder_refuses_what_the_decoder_would_refuse()
    {
        Assert.ThrowsAny<ArgumentException>(() => EcgFrameEncoder.Encode(1, 0, 500, 1f, [EcgLead.I], [new short[1001]]));
        Assert.ThrowsAny<ArgumentException>(() => EcgFrameEncoder.Encode(1, 0, 10, 1f, [EcgLead.I], [new short[10]]));
        Assert.ThrowsAny<ArgumentException>(() => EcgFrameEncoder.Encode(1, 0, 500, 1f, [EcgLead.I, EcgLead.II], [new short[10], new short[9]]));
    }

    private static EcgBlock Decode(ReadOnlySequence<byte> bytes)
    {
        Assert.True(EcgFrameDecoder.TryDecode(bytes, out var frame, out var refusal), refusal.Text);
        return frame.ToBlock();
    }

    private static EcgRefusal Refuse(byte[] bytes)
    {
        Assert.False(EcgFrameDecoder.TryDecode(new ReadOnlySequence<byte>(bytes), out _, out var refusal));
        Assert.NotEqual(EcgRefusalReason.None, refusal.Reason);
        Assert.False(string.IsNullOrWhiteSpace(refusal.Text));
        return refusal;
    }

    /// <summary>Applies a change and writes a matching CRC, so the check under test is the one that refuses.</summary>
    private static byte[] Recrc(byte[] bytes, Action<byte[]> change)
    {
        change(bytes);
        var body = bytes.AsSpan(0, bytes.Length - 4);
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(bytes.Length - 4), System.IO.Hashing.Crc32.HashToUInt32(body));
        return bytes;
    }
}
