using System.Net;
using System.Net.Sockets;

namespace Emergency.EndToEnd.Tests.Infrastructure;

/// <summary>
/// A TCP forwarder on a free loopback port in front of another port: the network between devices and the host.
/// <see cref="Cut"/> is "the network is down": every open connection is reset and new ones are refused (nothing
/// listens); <see cref="Restore"/> listens on the same port again. Bytes are forwarded as they come, in both directions.
/// </summary>
public sealed class TcpCutProxy : IAsyncDisposable
{
    private readonly Func<int> _targetPort;
    private readonly Lock _lock = new();
    private readonly List<(TcpClient Client, TcpClient Upstream)> _pairs = [];
    private TcpListener? _listener;
    private CancellationTokenSource _cut = new();
    private Task _accepting = Task.CompletedTask;
    private long _connections;

    /// <param name="targetPort">The port to forward to, read at each new connection (a restarted host has a new one).</param>
    public TcpCutProxy(Func<int> targetPort)
    {
        _targetPort = targetPort;
        Port = FreePorts.Take(1)[0];
        Restore();
    }

    public int Port { get; }

    public bool IsCut { get; private set; }

    /// <summary>Connections accepted since the start.</summary>
    public long Connections => Interlocked.Read(ref _connections);

    /// <summary>Resets every connection and stops listening, so connects are refused until <see cref="Restore"/>.</summary>
    public void Cut()
    {
        lock (_lock)
        {
            IsCut = true;
            _cut.Cancel();
            _listener?.Stop();
            _listener = null;
            foreach (var (client, upstream) in _pairs)
            {
                // Linger 0: a reset, as a dead link looks to the device once its keep-alive gives up.
                client.LingerState = new LingerOption(true, 0);
                client.Dispose();
                upstream.Dispose();
            }

            _pairs.Clear();
        }
    }

    /// <summary>Listens again on <see cref="Port"/>.</summary>
    public void Restore()
    {
        lock (_lock)
        {
            _cut = new CancellationTokenSource();
            var listener = new TcpListener(IPAddress.Loopback, Port);
            listener.Server.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
            listener.Start();
            _listener = listener;
            IsCut = false;
            _accepting = AcceptAsync(listener, _cut.Token);
        }
    }

    private async Task AcceptAsync(TcpListener listener, CancellationToken cut)
    {
        while (!cut.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await listener.AcceptTcpClientAsync(cut);
            }
            catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            _ = ForwardAsync(client, cut);
        }
    }

    private async Task ForwardAsync(TcpClient client, CancellationToken cut)
    {
        var upstream = new TcpClient { NoDelay = true };
        client.NoDelay = true;
        try
        {
            await upstream.ConnectAsync(IPAddress.Loopback, _targetPort(), cut);
            lock (_lock)
            {
                if (cut.IsCancellationRequested)
                {
                    throw new OperationCanceledException(cut);
                }

                _pairs.Add((client, upstream));
            }

            Interlocked.Increment(ref _connections);
            using var done = CancellationTokenSource.CreateLinkedTokenSource(cut);
            var up = client.GetStream().CopyToAsync(upstream.GetStream(), done.Token);
            var down = upstream.GetStream().CopyToAsync(client.GetStream(), done.Token);
            await Task.WhenAny(up, down);
            await done.CancelAsync();
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException or SocketException or ObjectDisposedException)
        {
        }
        finally
        {
            lock (_lock)
            {
                _pairs.Remove((client, upstream));
            }

            client.Dispose();
            upstream.Dispose();
        }
    }

    public async ValueTask DisposeAsync()
    {
        Cut();
        await _accepting;
    }
}
