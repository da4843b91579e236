using System.Net;
using System.Net.Sockets;

namespace Emergency.EndToEnd.Tests.Infrastructure;

/// <summary>Ports the OS says are free right now on 127.0.0.1 (the machine is shared: never assume a fixed port).</summary>
public static class FreePorts
{
    public static int[] Take(int count)
    {
        var listeners = Enumerable.Range(0, count).Select(_ => new TcpListener(IPAddress.Loopback, 0)).ToList();
        try
        {
            listeners.ForEach(l => l.Start());
            return listeners.Select(l => ((IPEndPoint)l.LocalEndpoint).Port).ToArray();
        }
        finally
        {
            listeners.ForEach(l => l.Stop());
        }
    }
}
