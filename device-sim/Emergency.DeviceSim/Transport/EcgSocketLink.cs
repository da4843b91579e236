using System.Buffers.Binary;
using System.Net.Sockets;
using System.Text.Json;
using Emergency.DeviceSim.Wire;

namespace Emergency.DeviceSim.Transport;

/// <summary>
/// One ambulance's TCP connection to the raw ECG gateway (docs/contract.md, "ECG raw socket gateway"): every message
/// both ways is a u32 little-endian length then its bytes; a JSON hello with the device's credentials opens it; each
/// ECG1 frame is answered <c>{"ack":seq}</c> once the service holds it durably, or refused. One frame is in flight
/// at a time, so a frame counts as delivered only after its own ack; a lost connection throws and the sender loop
/// keeps the frame for the next connection.
/// </summary>
internal sealed class EcgSocketLink(LinkRequest request) : IDeviceLink
{
    private const int PrefixBytes = 4;

    /// <summary>Longest answer taken from the gateway; its answers are short JSON objects.</summary>
    private const int MaxReplyBytes = 64 * 1024;

    private static readonly TimeSpan ReplyTimeout = TimeSpan.FromSeconds(10);

    private readonly Lock _lock = new();
    private TcpClient? _client;
    private NetworkStream? _stream;
    private TaskCompletionSource _disconnected = NewSignal();

    public bool IsConnected => Volatile.Read(ref _stream) is not null;

    public async Task<ConnectOutcome> ConnectAsync(CancellationToken cancellationToken)
    {
        Close();
        lock (_lock)
        {
            _disconnected = NewSignal();
        }

        var options = request.Options;
        var host = options.EcgGatewayHost ?? options.Host;
        var client = new TcpClient { NoDelay = true };
        try
        {
            await client.ConnectAsync(host, options.EcgGatewayPort ?? 0, cancellationToken).ConfigureAwait(false);
            var stream = client.GetStream();
            await WriteMessageAsync(stream, Hello(), cancellationToken).ConfigureAwait(false);
            var reply = await ReadReplyAsync(stream, cancellationToken).ConfigureAwait(false);
            if (!reply.RootElement.TryGetProperty("ok", out var ok) || ok.ValueKind != JsonValueKind.True)
            {
                client.Dispose();
                return ConnectOutcome.Failed($"ECG gateway {host}:{options.EcgGatewayPort} refused the hello: {Reason(reply.RootElement)}");
            }

            lock (_lock)
            {
                (_client, _stream) = (client, stream);
            }

            return ConnectOutcome.Success;
        }
        catch (Exception ex) when (ex is SocketException or IOException or JsonException or InvalidDataException or OperationCanceledException)
        {
            client.Dispose();
            if (ex is OperationCanceledException && cancellationToken.IsCancellationRequested)
            {
                throw;
            }

            return ConnectOutcome.Failed($"ECG gateway {host}:{options.EcgGatewayPort}: {ex.Message}");
        }
    }

    public Task WhenDisconnected()
    {
        lock (_lock)
        {
            return _disconnected.Task;
        }
    }

    public async Task<PublishOutcome> PublishAsync(OutboundFrame frame, CancellationToken cancellationToken)
    {
        var stream = Volatile.Read(ref _stream) ?? throw new IOException("not connected to the ECG gateway");
        try
        {
            await WriteMessageAsync(stream, frame.Payload, cancellationToken).ConfigureAwait(false);
            while (true)
            {
                using var reply = await ReadReplyAsync(stream, cancellationToken).ConfigureAwait(false);
                var root = reply.RootElement;
                if (root.TryGetProperty("ack", out var ack) && ack.TryGetInt64(out var acked))
                {
                    if (acked == frame.Seq)
                    {
                        return PublishOutcome.Ok;
                    }

                    continue; // an answer to an earlier connection's frame cannot arrive here; read on to ours
                }

                if (root.TryGetProperty("refused", out var refused))
                {
                    var closing = root.TryGetProperty("close", out var close) && close.ValueKind == JsonValueKind.True;
                    if (!closing && IsForLater(refused, Reason(root)))
                    {
                        // Not taken for now (rate limit, or the patient's status has not reached the service yet: it
                        // travels on MQTT): keep the frame and try again after the back-off.
                        throw new IOException("ECG gateway: frame not taken yet: " + Reason(root));
                    }

                    if (closing)
                    {
                        Close();
                    }

                    return PublishOutcome.Refused("ECG gateway: " + Reason(root));
                }

                throw new InvalidDataException("unexpected answer from the ECG gateway: " + root.GetRawText());
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Close();
            throw;
        }
    }

    public Task DisconnectAsync(CancellationToken cancellationToken)
    {
        Close();
        return Task.CompletedTask;
    }

    public ValueTask DisposeAsync()
    {
        Close();
        return ValueTask.CompletedTask;
    }

    private byte[] Hello()
    {
        var options = request.Options;
        var secret = options.Credentials?.GetValueOrDefault(request.DeviceId)
            ?? (options.Username == request.DeviceId ? options.Password : null);
        return JsonSerializer.SerializeToUtf8Bytes(new { deviceId = request.DeviceId, secret, region = options.Region });
    }

    private static async Task WriteMessageAsync(Stream stream, ReadOnlyMemory<byte> message, CancellationToken cancellationToken)
    {
        var prefix = new byte[PrefixBytes];
        BinaryPrimitives.WriteUInt32LittleEndian(prefix, (uint)message.Length);
        await stream.WriteAsync(prefix, cancellationToken).ConfigureAwait(false);
        await stream.WriteAsync(message, cancellationToken).ConfigureAwait(false);
        await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Reads one answer; a silent gateway counts as a lost connection after <see cref="ReplyTimeout"/>.</summary>
    private static async Task<JsonDocument> ReadReplyAsync(Stream stream, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(ReplyTimeout);
        try
        {
            var prefix = new byte[PrefixBytes];
            await stream.ReadExactlyAsync(prefix, timeout.Token).ConfigureAwait(false);
            var length = BinaryPrimitives.ReadUInt32LittleEndian(prefix);
            if (length is 0 or > MaxReplyBytes)
            {
                throw new InvalidDataException($"ECG gateway answer of {length} bytes");
            }

            var body = new byte[length];
            await stream.ReadExactlyAsync(body, timeout.Token).ConfigureAwait(false);
            return JsonDocument.Parse(body);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new IOException($"no answer from the ECG gateway within {ReplyTimeout.TotalSeconds:0} s");
        }
    }

    /// <summary>
    /// A refusal of the moment rather than of the frame: no seq (a rate limit: the frame was not read), or no patient
    /// on board yet (the ambulance's status goes over MQTT and may arrive after the first ECG frames).
    /// </summary>
    private static bool IsForLater(JsonElement refusedSeq, string reason) =>
        refusedSeq.ValueKind == JsonValueKind.Null || reason.StartsWith("no patient on board", StringComparison.Ordinal);

    private static string Reason(JsonElement root) =>
        root.TryGetProperty("reason", out var reason) && reason.ValueKind == JsonValueKind.String ? reason.GetString()! : root.GetRawText();

    private void Close()
    {
        TcpClient? client;
        lock (_lock)
        {
            client = _client;
            (_client, _stream) = (null, null);
            _disconnected.TrySetResult();
        }

        client?.Dispose();
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
