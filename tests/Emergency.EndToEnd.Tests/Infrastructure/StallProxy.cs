using System.Net;
using System.Net.Sockets;

namespace Emergency.EndToEnd.Tests.Infrastructure;

/// <summary>
/// A TCP forwarder on a free loopback port whose host → client direction can be stalled: while
/// <see cref="Stalled"/>, it stops reading from the host, as a client on a congested link that does not keep up.
/// Small socket buffers, so the host feels the stall within kilobytes.
/// </summary>
public sealed class StallProxy : IAsyncDisposable
{
    private readonly TcpListener _listener;
    private readonly int _targetPort;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Socket> _sockets = [];
    private volatile TaskCompletionSource _resumed = NewResumed(completed: true);

    public StallProxy(int targetPort)
    {
        _targetPort = targetPort;
        _listener = new TcpListener(IPAddress.Loopback, 0);
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _ = Accept();
    }

    public int Port { get; }

    public bool Stalled => !_resumed.Task.IsCompleted;

    public void Stall() => _resumed = NewResumed(completed: false);

    public void Resume() => _resumed.TrySetResult();

    private static TaskCompletionSource NewResumed(bool completed)
    {
        var tcs = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (completed) tcs.SetResult();
        return tcs;
    }

    private async Task Accept()
    {
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                var client = await _listener.AcceptSocketAsync(_stop.Token);
                var host = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { ReceiveBufferSize = 4096 };
                await host.ConnectAsync(IPAddress.Loopback, _targetPort);
                client.SendBufferSize = 4096;
                lock (_sockets) _sockets.AddRange([client, host]);
                _ = Pump(client, host, stallable: false);
                _ = Pump(host, client, stallable: true);
            }
        }
        catch (Exception) when (_stop.IsCancellationRequested)
        {
        }
    }

    private async Task Pump(Socket from, Socket to, bool stallable)
    {
        var buffer = new byte[1024];
        try
        {
            while (true)
            {
                if (stallable) await _resumed.Task.WaitAsync(_stop.Token);
                var read = await from.ReceiveAsync(buffer, _stop.Token);
                if (read == 0) break;
                await to.SendAsync(buffer.AsMemory(0, read), _stop.Token);
            }
        }
        catch (Exception)
        {
        }
        try { to.Shutdown(SocketShutdown.Send); } catch (Exception) { }
    }

    public ValueTask DisposeAsync()
    {
        _stop.Cancel();
        _resumed.TrySetResult();
        _listener.Stop();
        lock (_sockets) _sockets.ForEach(s => s.Dispose());
        return ValueTask.CompletedTask;
    }
}
