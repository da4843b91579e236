using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace Emergency.Benchmarks.Probes;

/// <summary>
/// A throw-away InfluxDB 1.x server for a benchmark run: its own config bound to 127.0.0.1 on free ports and a temp
/// data folder, stopped (SIGTERM) and deleted on dispose. Same layout as <c>scripts/influxd-local.sh</c>.
/// </summary>
public sealed class LocalInfluxd : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _root;

    private LocalInfluxd(Process process, string root, Uri url)
    {
        _process = process;
        _root = root;
        Url = url;
    }

    public Uri Url { get; }

    public static async Task<LocalInfluxd> StartAsync()
    {
        var influxd = new[] { "/usr/bin/influxd", "/usr/local/bin/influxd" }.FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException("influxd (InfluxDB 1.x) not found: install it (scripts/install-test-deps.sh) or pass --influx URL");
        var root = Path.Combine(Path.GetTempPath(), $"emergency-influx-bench-{Guid.NewGuid():N}");
        Directory.CreateDirectory(root);
        var httpPort = FreePort();
        var rpcPort = FreePort();
        while (rpcPort == httpPort) rpcPort = FreePort();
        var config = Path.Combine(root, "influxdb.conf");
        await File.WriteAllTextAsync(config, $"""
            reporting-disabled = true
            bind-address = "127.0.0.1:{rpcPort}"

            [meta]
              dir = "{root}/meta"
              logging-enabled = false

            [data]
              dir = "{root}/data"
              wal-dir = "{root}/wal"
              query-log-enabled = false

            [monitor]
              store-enabled = false

            [http]
              enabled = true
              bind-address = "127.0.0.1:{httpPort}"
              log-enabled = false

            [continuous_queries]
              enabled = false
            """);
        var info = new ProcessStartInfo(influxd) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        info.ArgumentList.Add("-config");
        info.ArgumentList.Add(config);
        var process = Process.Start(info) ?? throw new InvalidOperationException("could not start influxd");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var server = new LocalInfluxd(process, root, new Uri($"http://127.0.0.1:{httpPort}/"));

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(1) };
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < TimeSpan.FromSeconds(30))
        {
            if (process.HasExited)
            {
                await server.DisposeAsync();
                throw new InvalidOperationException($"influxd exited with code {process.ExitCode} while starting");
            }
            try
            {
                using var ping = await http.GetAsync(new Uri(server.Url, "ping"));
                if (ping.StatusCode == HttpStatusCode.NoContent) return server;
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                // not listening yet
            }
            await Task.Delay(100);
        }
        await server.DisposeAsync();
        throw new TimeoutException("influxd did not answer /ping within 30 s");
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _ = SysKill(_process.Id, 15); // SIGTERM: a clean shutdown
            using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(15));
            try
            {
                await _process.WaitForExitAsync(wait.Token);
            }
            catch (OperationCanceledException)
            {
                _process.Kill();
                await _process.WaitForExitAsync();
            }
        }
        _process.Dispose();
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int SysKill(int pid, int signal);

    private static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        try
        {
            return ((IPEndPoint)listener.LocalEndpoint).Port;
        }
        finally
        {
            listener.Stop();
        }
    }
}
