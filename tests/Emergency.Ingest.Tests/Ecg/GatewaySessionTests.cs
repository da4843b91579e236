using System.Buffers;
using System.Buffers.Binary;
using System.IO.Pipelines;
using System.Text;
using System.Text.Json;
using Emergency.Domain.Ecg.Wire;
using Emergency.Grains.Devices;
using Emergency.Ingest.Ecg;
using Emergency.Ingest.Ecg.Gateway;
using Microsoft.Extensions.Logging.Abstractions;

namespace Emergency.Ingest.Tests.Ecg;

/// <summary>
/// The gateway's session over a real <see cref="Pipe"/>: framing, hello, the shared decoder, answers. The ingest
/// behind it decodes with <see cref="EcgFrameDecoder"/> and records what it was handed.
/// </summary>
public sealed class GatewaySessionTests
{
    private static byte[] Hello(string id = "AMB-01") =>
        GatewayFraming.Frame(Encoding.UTF8.GetBytes($$"""{"deviceId":"{{id}}","secret":"s","region":"sh"}"""));

    private static byte[] EcgFrame(uint seq, int perLead = 20) =>
        EcgFrameEncoder.Encode(seq, 1_767_225_600_000 + (seq * 40), 500, 2.5f, EcgLeads.Standard12,
            [.. Enumerable.Range(0, 12).Select(l => Enumerable.Range(0, perLead).Select(i => (short)((seq * 7) + (l * 31) + i)).ToArray())]);

    private sealed class Run
    {
        public List<EcgBlock> Blocks { get; } = [];
        public List<JsonElement> Replies { get; } = [];
    }

    private static async Task<Run> Feed(IEnumerable<byte[]> writes, Func<GatewayHello, (string?, string?)>? authenticate = null, TimeSpan? helloTimeout = null)
    {
        var run = new Run();
        var pipe = new Pipe();
        var output = new MemoryStream();
        var session = new GatewaySession(
            authenticate ?? (h => ("sh", null)),
            _ => null,
            (region, device, payload, ct) =>
            {
                if (!EcgFrameDecoder.TryDecode(payload, out var frame, out var refusal))
                {
                    return Task.FromResult(new EcgIngestResult(FrameVerdict.Refused($"{refusal.Code}: {refusal.Text}"), true, null));
                }
                run.Blocks.Add(frame.ToBlock());
                return Task.FromResult(new EcgIngestResult(FrameVerdict.Applied, false, frame.Seq));
            },
            helloTimeout ?? TimeSpan.FromSeconds(30),
            NullLogger.Instance);
        var running = session.RunAsync(pipe.Reader, output, "test", CancellationToken.None);
        foreach (var write in writes)
        {
            await pipe.Writer.WriteAsync(write);
        }
        await pipe.Writer.CompleteAsync();
        await running;
        var bytes = new ReadOnlySequence<byte>(output.ToArray());
        while (GatewayFraming.TryTake(ref bytes, out var reply, out _))
        {
            run.Replies.Add(JsonDocument.Parse(reply).RootElement.Clone());
        }
        return run;
    }

    private static string Show(Run run) =>
        string.Join(";", run.Blocks.Select(b => $"{b.Seq}:{string.Join(",", b.Samples.SelectMany(s => s))}"))
        + "|" + string.Join(";", run.Replies.Select(r => r.GetRawText()));

    [Fact]
    public async Task The_same_stream_split_at_every_byte_boundary_decodes_identically()
    {
        var bad = EcgFrame(3);
        bad[60] ^= 0xFF;
        byte[] stream = [.. Hello(), .. GatewayFraming.Frame(EcgFrame(1)), .. GatewayFraming.Frame(EcgFrame(2)),
            .. GatewayFraming.Frame(bad), .. GatewayFraming.Frame(EcgFrame(4))];
        var whole = await Feed([stream]);
        Assert.Equal([1u, 2u, 4u], whole.Blocks.Select(b => b.Seq));
        var expected = Show(whole);

        for (var cut = 1; cut < stream.Length; cut++)
        {
            var split = await Feed([stream[..cut], stream[cut..]]);
            Assert.True(expected == Show(split), $"split at byte {cut} decoded differently");
        }
        // and one byte per write
        Assert.Equal(expected, Show(await Feed(stream.Select(b => new[] { b }))));
    }

    [Fact]
    public async Task Hello_is_welcomed_every_frame_acked_by_seq_and_a_bad_crc_refused_with_the_connection_kept()
    {
        var bad = EcgFrame(2);
        bad[^1] ^= 1;
        var run = await Feed([Hello(), GatewayFraming.Frame(EcgFrame(1)), GatewayFraming.Frame(bad), GatewayFraming.Frame(EcgFrame(3))]);

        Assert.True(run.Replies[0].GetProperty("ok").GetBoolean());
        Assert.Equal(1, run.Replies[1].GetProperty("ack").GetInt64());
        Assert.StartsWith("ecg_bad_crc", run.Replies[2].GetProperty("reason").GetString());
        Assert.False(run.Replies[2].GetProperty("close").GetBoolean());
        Assert.Equal(3, run.Replies[3].GetProperty("ack").GetInt64());
    }

    [Fact]
    public async Task An_oversize_length_is_refused_and_the_connection_closed_without_reading_further()
    {
        var oversize = new byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(oversize, EcgFrameLayout.MaxFrameBytes + 1);
        var run = await Feed([Hello(), oversize, GatewayFraming.Frame(EcgFrame(1))]);

        Assert.Empty(run.Blocks);
        var refusal = run.Replies[^1];
        Assert.StartsWith("ecg_oversize", refusal.GetProperty("reason").GetString());
        Assert.True(refusal.GetProperty("close").GetBoolean());
    }

    [Fact]
    public async Task A_frame_before_the_hello_is_refused_and_closes()
    {
        var run = await Feed([GatewayFraming.Frame(EcgFrame(1))]);
        Assert.Empty(run.Blocks);
        Assert.True(Assert.Single(run.Replies).GetProperty("close").GetBoolean());
    }

    [Fact]
    public async Task A_refused_hello_closes_with_the_reason_and_takes_no_frame()
    {
        var run = await Feed([Hello("AMB-X"), GatewayFraming.Frame(EcgFrame(1))], _ => (null, "unknown device or wrong credentials"));
        Assert.Empty(run.Blocks);
        var reply = Assert.Single(run.Replies);
        Assert.Equal("unknown device or wrong credentials", reply.GetProperty("reason").GetString());
        Assert.True(reply.GetProperty("close").GetBoolean());
    }

    [Fact]
    public async Task A_connection_that_sends_no_hello_is_closed_after_the_timeout()
    {
        var pipe = new Pipe();
        var output = new MemoryStream();
        var session = new GatewaySession(_ => ("sh", null), _ => null,
            (_, _, _, _) => throw new InvalidOperationException("no frame expected"), TimeSpan.FromMilliseconds(200), NullLogger.Instance);

        await session.RunAsync(pipe.Reader, output, "test", CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(30));

        var bytes = new ReadOnlySequence<byte>(output.ToArray());
        Assert.True(GatewayFraming.TryTake(ref bytes, out var reply, out _));
        Assert.Contains("no hello", Encoding.UTF8.GetString(reply.ToArray()));
    }
}
