using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;

namespace Emergency.History.Tests.Infrastructure;

/// <summary>
/// A real InfluxDB 1.x server (<c>influxd</c>) for the tests: its own config, data folder and free ports on 127.0.0.1,
/// started once per test collection. Each test uses its own database (<see cref="NewDatabase"/>).
/// <see cref="Kill"/>, <see cref="Pause"/>, <see cref="Resume"/> and <see cref="RestartAsync"/> simulate outages;
/// a test that uses them leaves the server running again when it ends.
/// </summary>
public sealed class InfluxServerFixture : IAsyncLifetime
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(15);
    private const int OutputLines = 200;

    private readonly ConcurrentQueue<string> _output = new();
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(10) };
    private readonly string _influxd;
    private Process? _process;
    private int _databases;
    private bool _listening;

    public InfluxServerFixture()
    {
        _influxd = FindInfluxd() ?? throw new InvalidOperationException(
            "influxd (InfluxDB 1.x) was not found on PATH nor at /usr/bin/influxd. " +
            "Run scripts/install-test-deps.sh (it installs the Debian package 'influxdb') and run the tests again.");
        RootDirectory = Path.Combine(Path.GetTempPath(), $"emergency-influx-{Guid.NewGuid():N}");
        HttpPort = FreePort();
        RpcPort = FreePort();
        while (RpcPort == HttpPort)
        {
            RpcPort = FreePort();
        }
        Url = $"http://127.0.0.1:{HttpPort}";
        ConfigPath = Path.Combine(RootDirectory, "influxdb.conf");
    }

    /// <summary>Base address of the HTTP API, e.g. <c>http://127.0.0.1:41234</c>.</summary>
    public string Url { get; }

    public int HttpPort { get; }

    public int RpcPort { get; }

    /// <summary>Temporary folder holding the config, meta, data and WAL folders; deleted on dispose.</summary>
    public string RootDirectory { get; }

    public string ConfigPath { get; }

    /// <summary>Process id of the running server, or null when it is stopped or killed.</summary>
    public int? ProcessId => _process is { HasExited: false } p ? p.Id : null;

    /// <summary>The last lines influxd printed.</summary>
    public string Output => string.Join(Environment.NewLine, _output);

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(RootDirectory);
        await File.WriteAllTextAsync(ConfigPath, Config());
        await StartAsync();
    }

    public async Task DisposeAsync()
    {
        await StopAsync();
        _http.Dispose();
        try
        {
            Directory.Delete(RootDirectory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    /// <summary>A database name no other test uses (the store creates it on first use).</summary>
    public string NewDatabase(string prefix) => $"{prefix}_{Interlocked.Increment(ref _databases)}";

    /// <summary>Store options for this server: fast retries so failing tests fail fast.</summary>
    public InfluxOptions CreateOptions(string database, string? deadLetterPath = null) => new()
    {
        Url = new Uri(Url),
        Database = database,
        DeadLetterPath = deadLetterPath,
        Timeout = TimeSpan.FromSeconds(10),
        MaxRetries = 3,
        RetryDelay = TimeSpan.FromMilliseconds(50),
        MaxRetryDelay = TimeSpan.FromMilliseconds(500),
    };

    /// <summary>SIGKILL: the server dies at once, without flushing anything. <see cref="RestartAsync"/> brings it back.</summary>
    public void Kill()
    {
        if (_process is { HasExited: false } p)
        {
            Signals.Send(p.Id, Signals.SigKill);
            p.WaitForExit();
        }
    }

    /// <summary>SIGSTOP: the server hangs; connections are accepted by the kernel but never answered.</summary>
    public void Pause() => Signals.Send(RunningProcess().Id, Signals.SigStop);

    /// <summary>SIGCONT after <see cref="Pause"/>.</summary>
    public void Resume() => Signals.Send(RunningProcess().Id, Signals.SigCont);

    /// <summary>Stops the server (SIGTERM) if it runs, and starts it again on the same port and data folder.</summary>
    public async Task RestartAsync()
    {
        await StopAsync();
        await StartAsync();
    }

    /// <summary>Runs an InfluxQL statement against <paramref name="database"/>; throws on any error in the answer.</summary>
    public async Task<JsonDocument> QueryAsync(string database, string query)
    {
        using var content = new FormUrlEncodedContent([new("q", query), new("db", database), new("epoch", "ms")]);
        using var response = await _http.PostAsync($"{Url}/query", content);
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode || text.Contains("\"error\"", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"Query failed ({(int)response.StatusCode}): {text}\n{query}");
        }
        return JsonDocument.Parse(text);
    }

    /// <summary>The value rows of every series of a query's first result (empty when there are none).</summary>
    public async Task<List<Dictionary<string, JsonElement>>> RowsAsync(string database, string query)
    {
        using var doc = await QueryAsync(database, query);
        var rows = new List<Dictionary<string, JsonElement>>();
        var result = doc.RootElement.GetProperty("results")[0];
        if (!result.TryGetProperty("series", out var series))
        {
            return rows;
        }
        foreach (var s in series.EnumerateArray())
        {
            var columns = s.GetProperty("columns").EnumerateArray().Select(c => c.GetString()!).ToArray();
            foreach (var values in s.GetProperty("values").EnumerateArray())
            {
                var row = new Dictionary<string, JsonElement>();
                for (var i = 0; i < columns.Length; i++)
                {
                    row[columns[i]] = values[i].Clone();
                }
                rows.Add(row);
            }
        }
        return rows;
    }

    /// <summary>Posts raw line protocol (millisecond timestamps); returns the status code and the error text.</summary>
    public async Task<(HttpStatusCode Status, string Body)> WriteRawAsync(string database, string lines)
    {
        using var content = new StringContent(lines, Encoding.UTF8, "text/plain");
        using var response = await _http.PostAsync($"{Url}/write?db={Uri.EscapeDataString(database)}&precision=ms", content);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    public async Task CreateDatabaseAsync(string database)
    {
        using var content = new FormUrlEncodedContent([new("q", $"CREATE DATABASE \"{database}\"")]);
        using var response = await _http.PostAsync($"{Url}/query", content);
        response.EnsureSuccessStatusCode();
    }

    private Process RunningProcess() =>
        _process is { HasExited: false } p ? p : throw new InvalidOperationException("influxd is not running.");

    private async Task StartAsync()
    {
        var info = new ProcessStartInfo(_influxd)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = RootDirectory,
        };
        info.ArgumentList.Add("-config");
        info.ArgumentList.Add(ConfigPath);
        Volatile.Write(ref _listening, false);
        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        process.OutputDataReceived += (_, e) => Capture(e.Data);
        process.ErrorDataReceived += (_, e) => Capture(e.Data);
        if (!process.Start())
        {
            throw new InvalidOperationException($"Could not start {_influxd}.");
        }
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _process = process;

        var deadline = Stopwatch.StartNew();
        Exception? last = null;
        while (deadline.Elapsed < StartTimeout)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException(
                    $"influxd exited with code {process.ExitCode} while starting (config {ConfigPath}).\n{Output}");
            }
            try
            {
                using var ping = new CancellationTokenSource(TimeSpan.FromSeconds(1));
                using var response = await _http.GetAsync($"{Url}/ping", ping.Token);
                // The answer must come from our process: on a shared machine another server may hold the port, and
                // ours then exits on the failed bind while the other one answers the ping.
                if (response.StatusCode == HttpStatusCode.NoContent && ListensOnOurPort())
                {
                    return;
                }
                last = new InvalidOperationException($"GET /ping answered {(int)response.StatusCode}");
            }
            catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException)
            {
                last = ex;
            }
            await Task.Delay(100);
        }
        await StopAsync();
        throw new InvalidOperationException(
            $"influxd did not answer GET {Url}/ping with 204 within {StartTimeout.TotalSeconds} s ({last?.Message}).\n{Output}");
    }

    /// <summary>Whether the influxd started last logged that it listens on <see cref="HttpPort"/>.</summary>
    private bool ListensOnOurPort() => Volatile.Read(ref _listening);

    private async Task StopAsync()
    {
        if (_process is not { } p)
        {
            return;
        }
        _process = null;
        try
        {
            if (!p.HasExited)
            {
                Signals.Send(p.Id, Signals.SigCont); // a paused server cannot handle SIGTERM
                Signals.Send(p.Id, Signals.SigTerm);
                using var wait = new CancellationTokenSource(StopTimeout);
                try
                {
                    await p.WaitForExitAsync(wait.Token);
                }
                catch (OperationCanceledException)
                {
                    Signals.Send(p.Id, Signals.SigKill);
                    await p.WaitForExitAsync();
                }
            }
        }
        finally
        {
            p.Dispose();
        }
    }

    private void Capture(string? line)
    {
        if (line is null)
        {
            return;
        }
        if (line.Contains("Listening on HTTP", StringComparison.Ordinal)
            && line.Contains($"addr=127.0.0.1:{HttpPort}", StringComparison.Ordinal))
        {
            Volatile.Write(ref _listening, true);
        }
        _output.Enqueue(line);
        while (_output.Count > OutputLines && _output.TryDequeue(out _))
        {
        }
    }

    private string Config()
    {
        string Dir(string name) => Path.Combine(RootDirectory, name).Replace("\\", "/");
        // InfluxDB 1.x spells the usage-reporting switch "reporting-disabled".
        return $"""
            reporting-disabled = true
            bind-address = "127.0.0.1:{RpcPort}"

            [meta]
              dir = "{Dir("meta")}"
              logging-enabled = false

            [data]
              dir = "{Dir("data")}"
              wal-dir = "{Dir("wal")}"
              query-log-enabled = false

            [monitor]
              store-enabled = false

            [http]
              enabled = true
              bind-address = "127.0.0.1:{HttpPort}"
              log-enabled = false

            [continuous_queries]
              enabled = false

            [ifql]
              enabled = false
            """;
    }

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

    private static string? FindInfluxd()
    {
        var path = Environment.GetEnvironmentVariable("PATH") ?? "";
        foreach (var dir in path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries).Append("/usr/bin"))
        {
            var candidate = Path.Combine(dir, "influxd");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }
        return null;
    }
}
