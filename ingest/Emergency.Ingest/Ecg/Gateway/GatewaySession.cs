using System.Buffers;
using System.IO.Pipelines;
using Microsoft.Extensions.Logging;

namespace Emergency.Ingest.Ecg.Gateway;

/// <summary>
/// One gateway connection after the socket: reads length-prefixed messages from a <see cref="PipeReader"/>
/// (a message split across reads waits until it is whole), takes the hello, then hands every ECG frame to the
/// ingest and answers it. A frame is handed on as a slice of the pipe's buffers and the pipe is not advanced past
/// it until its answer is written, so a slow ingest stops the reads (back-pressure to the socket).
/// </summary>
public sealed class GatewaySession(
    Func<GatewayHello, (string? Region, string? Refusal)> authenticate,
    Func<string, string?> checkRate,
    Func<string, string, ReadOnlySequence<byte>, CancellationToken, Task<EcgIngestResult>> ingest,
    TimeSpan helloTimeout,
    ILogger logger)
{
    /// <summary>Runs until the peer closes, a refusal closes it, or <paramref name="cancellationToken"/> fires.</summary>
    public async Task RunAsync(PipeReader input, Stream output, string peer, CancellationToken cancellationToken)
    {
        string? deviceId = null;
        string? region = null;
        using var helloDeadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        helloDeadline.CancelAfter(helloTimeout);
        while (true)
        {
            ReadResult read;
            try
            {
                read = await input.ReadAsync(deviceId is null ? helloDeadline.Token : cancellationToken);
            }
            catch (OperationCanceledException) when (deviceId is null && !cancellationToken.IsCancellationRequested)
            {
                await Reply(output, GatewayReply.Refused(null, $"no hello within {helloTimeout.TotalSeconds:0} s", close: true));
                logger.LogWarning("ECG gateway: {Peer} sent no hello within {Timeout}; closed", peer, helloTimeout);
                return;
            }
            var buffer = read.Buffer;
            try
            {
                while (GatewayFraming.TryTake(ref buffer, out var message, out _))
                {
                    if (deviceId is null)
                    {
                        if (!GatewayHello.TryParse(message, out var hello, out var helloError))
                        {
                            await Refuse(output, peer, null, null, helloError, close: true);
                            return;
                        }
                        var (allowedRegion, refusal) = authenticate(hello);
                        if (allowedRegion is null)
                        {
                            await Refuse(output, peer, hello.DeviceId, null, refusal!, close: true);
                            return;
                        }
                        (deviceId, region) = (hello.DeviceId, allowedRegion);
                        await Reply(output, GatewayReply.Welcome(deviceId, region));
                        logger.LogInformation("ECG gateway: {DeviceId} ({Region}) streaming from {Peer}", deviceId, region, peer);
                        continue;
                    }
                    if (checkRate(deviceId) is { } overRate)
                    {
                        await Refuse(output, peer, deviceId, null, overRate, close: false);
                        continue;
                    }
                    EcgIngestResult result;
                    try
                    {
                        result = await ingest(region!, deviceId, message, cancellationToken);
                    }
                    catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
                    {
                        // Not durable: no answer for this frame; the device resends after reconnecting.
                        logger.LogError(ex, "ECG gateway: frame from {DeviceId} could not be made durable; connection closed without an ack", deviceId);
                        return;
                    }
                    if (result.Verdict.Outcome is Grains.Devices.FrameOutcome.Refused)
                    {
                        // The framing is intact: refuse this frame and read on.
                        await Refuse(output, peer, deviceId, result.Seq, result.Verdict.Reason ?? "refused", close: false);
                    }
                    else
                    {
                        await Reply(output, GatewayReply.Ack(result.Seq!.Value));
                    }
                }
                // A length the stream cannot carry means the framing is lost: refuse and close.
                var probe = buffer;
                if (!GatewayFraming.TryTake(ref probe, out _, out var badLength) && badLength is { } length)
                {
                    await Refuse(output, peer, deviceId, null,
                        length == 0 ? "message length 0" : $"ecg_oversize: message of {length} bytes exceeds the limit of {GatewayFraming.MaxMessageBytes}",
                        close: true);
                    return;
                }
                if (read.IsCompleted || read.IsCanceled)
                {
                    if (buffer.Length > 0)
                    {
                        logger.LogWarning("ECG gateway: {Peer} closed with {Bytes} bytes of an unfinished message", peer, buffer.Length);
                    }
                    return;
                }
            }
            finally
            {
                input.AdvanceTo(buffer.Start, buffer.End);
            }
        }
    }

    private async Task Refuse(Stream output, string peer, string? deviceId, long? seq, string reason, bool close)
    {
        logger.LogWarning("ECG gateway: refused {What} from {DeviceId} at {Peer}: {Reason}{Closed}",
            seq is null ? "message" : $"frame {seq}", deviceId ?? "(no hello yet)", peer, reason, close ? "; connection closed" : "");
        await Reply(output, GatewayReply.Refused(seq, reason, close));
    }

    private static async Task Reply(Stream output, byte[] reply)
    {
        await output.WriteAsync(reply);
        await output.FlushAsync();
    }
}
