using System.IO.Pipelines;
using System.Net;
using System.Net.Sockets;
using Emergency.Ingest.Hosting;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Emergency.Ingest.Ecg.Gateway;

/// <summary>
/// The raw TCP gateway for monitors that stream ECG frames over one socket instead of MQTT (<c>Ecg:Gateway:Port</c>,
/// off by default, on the <c>Mqtt:Host</c> address unless <c>Ecg:Gateway:Host</c> says otherwise). Each connection
/// fills a <see cref="Pipe"/> from the socket; the pipe stops taking bytes past
/// <see cref="EcgGatewayOptions.PauseWriterThreshold"/> unread, so a device outrunning the ingest is slowed by TCP,
/// not buffered without bound.
/// </summary>
public sealed class EcgGateway(
    EcgIngestor ingestor,
    GatewayAuthenticator authenticator,
    IOptions<EcgOptions> options,
    IOptions<MqttIngestOptions> mqtt,
    ILogger<EcgGateway> logger) : BackgroundService
{
    private readonly EcgGatewayOptions _options = options.Value.Gateway;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (_options.Port == 0)
        {
            return;
        }
        var host = _options.Host ?? mqtt.Value.Host;
        if (!IPAddress.TryParse(host, out var address))
        {
            throw new InvalidOperationException($"Ecg:Gateway:Host '{host}' is not an IP address");
        }
        using var listener = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(address, _options.Port));
        listener.Listen(128);
        logger.LogInformation("ECG gateway listening on {Host}:{Port}", host, _options.Port);
        var connections = new List<Task>();
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                var socket = await listener.AcceptAsync(stoppingToken);
                connections.RemoveAll(t => t.IsCompleted);
                connections.Add(Serve(socket, stoppingToken));
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        await Task.WhenAll(connections);
    }

    private async Task Serve(Socket socket, CancellationToken stoppingToken)
    {
        var peer = socket.RemoteEndPoint?.ToString() ?? "?";
        socket.NoDelay = true;
        var pipe = new Pipe(new PipeOptions(
            pauseWriterThreshold: _options.PauseWriterThreshold,
            resumeWriterThreshold: _options.PauseWriterThreshold / 2,
            useSynchronizationContext: false));
        await using var stream = new NetworkStream(socket, ownsSocket: true);
        using var closed = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        var session = new GatewaySession(authenticator.Authenticate, authenticator.CheckRate, ingestor.Ingest, _options.HelloTimeout, logger);
        var filling = Fill(stream, pipe.Writer, closed.Token);
        try
        {
            await session.RunAsync(pipe.Reader, stream, peer, stoppingToken);
        }
        catch (Exception ex) when (ex is IOException or SocketException or OperationCanceledException)
        {
            logger.LogInformation("ECG gateway: connection from {Peer} ended: {Reason}", peer, ex.Message);
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "ECG gateway: connection from {Peer} failed", peer);
        }
        finally
        {
            await pipe.Reader.CompleteAsync();
            closed.Cancel();
            await filling;
        }
    }

    /// <summary>Socket → pipe; waits whenever the pipe says it holds enough unread bytes.</summary>
    private static async Task Fill(Stream stream, PipeWriter writer, CancellationToken cancellationToken)
    {
        try
        {
            while (true)
            {
                var memory = writer.GetMemory(8192);
                var read = await stream.ReadAsync(memory, cancellationToken);
                if (read == 0)
                {
                    break;
                }
                writer.Advance(read);
                var flushed = await writer.FlushAsync(cancellationToken); // waits past PauseWriterThreshold
                if (flushed.IsCompleted)
                {
                    break;
                }
            }
        }
        catch (Exception ex) when (ex is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
        {
        }
        await writer.CompleteAsync();
    }
}
