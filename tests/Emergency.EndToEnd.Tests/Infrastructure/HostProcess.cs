using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Emergency.EndToEnd.Tests.Infrastructure;

/// <summary>
/// The real host, started as its own process with its own free ports and data folder, talked to only through
/// real clients. Its output is kept so a failing test can show what the host said.
/// </summary>
public sealed class HostProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly bool _ownsDataDirectory;

    private HostProcess(Process process, int httpPort, int mqttPort, string dataDirectory, bool ownsDataDirectory)
    {
        _process = process;
        _ownsDataDirectory = ownsDataDirectory;
        HttpPort = httpPort;
        MqttPort = mqttPort;
        DataDirectory = dataDirectory;
        Http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
    }

    public int HttpPort { get; }
    public int MqttPort { get; }
    public string DataDirectory { get; }
    public Uri BaseAddress => new($"http://127.0.0.1:{HttpPort}");
    /// <summary>Signed in as the development mode's <c>admin</c> when the host runs in development mode (the default here).</summary>
    public HttpClient Http { get; }

    /// <summary>The bearer token <see cref="Http"/> sends (the demo admin's), or null when the host runs without development mode.</summary>
    public string? AccessToken { get; private set; }

    /// <summary>The demo administrator of development mode.</summary>
    public const string DemoAdmin = "admin";
    public const string DemoPassword = "demo";

    public string Output
    {
        get { lock (_output) return _output.ToString(); }
    }

    /// <param name="httpPort">
    /// A fixed HTTP port instead of a free one, e.g. the port of a host that was stopped, so that browsers still open
    /// on it reconnect to the new process.
    /// </param>
    public static async Task<HostProcess> StartAsync(IDictionary<string, string>? settings = null, string? dataDirectory = null,
        int? httpPort = null, IReadOnlyList<string>? arguments = null)
    {
        if (!File.Exists(RepositoryPaths.HostAssembly))
        {
            throw new InvalidOperationException($"Host not built: {RepositoryPaths.HostAssembly}");
        }
        var ports = FreePorts.Take(4);
        if (httpPort is { } fixedPort) ports[0] = fixedPort;
        // A folder made here is deleted with the host; a folder passed in belongs to the caller (it may outlive
        // this process, e.g. for a restart on the same data).
        var ownsDataDirectory = dataDirectory is null;
        dataDirectory ??= Directory.CreateTempSubdirectory("emergency-e2e-").FullName;
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = dataDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(RepositoryPaths.HostAssembly);
        info.ArgumentList.Add("--contentRoot");
        info.ArgumentList.Add(RepositoryPaths.HostProjectDirectory);
        foreach (var argument in arguments ?? []) info.ArgumentList.Add(argument);
        info.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{ports[0]}";
        info.Environment["Urls"] = $"http://127.0.0.1:{ports[0]}";
        info.Environment["Mqtt__Port"] = ports[1].ToString();
        info.Environment["Orleans__SiloPort"] = ports[2].ToString();
        info.Environment["Orleans__GatewayPort"] = ports[3].ToString();
        info.Environment["Data__Directory"] = Path.Combine(dataDirectory, "data");
        info.Environment["DOTNET_ENVIRONMENT"] = "Production";
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        // Test devices are not in a device registry and tests sign in as the seeded demo admin; security tests
        // pass Security__Development=false.
        info.Environment["Security__Development"] = "true";
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            info.Environment[key] = value;
        }
        if (info.Environment["Security__Development"] != "true" && !info.Environment.ContainsKey("Security__Tokens__SigningKey"))
        {
            // Outside development mode the host refuses to start without a token signing key; a test host gets its own.
            info.Environment["Security__Tokens__SigningKey"] = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
        }

        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        var host = new HostProcess(process, ports[0], ports[1], dataDirectory, ownsDataDirectory);
        process.OutputDataReceived += (_, e) => host.Append(e.Data);
        process.ErrorDataReceived += (_, e) => host.Append(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await host.WaitUntilReady(TimeSpan.FromSeconds(60));
        if (info.Environment["Security__Development"] == "true")
        {
            host.AccessToken = await host.SignInAsync(DemoAdmin, DemoPassword);
            host.Http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", host.AccessToken);
        }
        return host;
    }

    private void Append(string? line)
    {
        if (line is null) return;
        lock (_output) _output.AppendLine(line);
    }

    private async Task WaitUntilReady(TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"Host exited with code {_process.ExitCode}:\n{Output}");
            }
            try
            {
                using var response = await Http.GetAsync("/health/ready");
                if (response.IsSuccessStatusCode) return;
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }
            await Task.Delay(100);
        }
        throw new TimeoutException($"Host not ready within {timeout}:\n{Output}");
    }

    /// <summary>
    /// Signs <see cref="Http"/> in as <paramref name="userName"/> (a host in secure mode has no demo admin: add the
    /// account before start with the real <c>users add</c> command).
    /// </summary>
    public async Task UseAccountAsync(string userName, string password)
    {
        AccessToken = await SignInAsync(userName, password);
        Http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", AccessToken);
    }

    /// <summary>A bearer token for a local account (<c>POST /api/auth/token</c>); throws when refused.</summary>
    public async Task<string> SignInAsync(string userName, string password)
    {
        using var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        using var response = await client.PostAsJsonAsync("/api/auth/token", new { userName, password });
        var body = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"sign-in as {userName} refused: {(int)response.StatusCode} {body}");
        return Json.Parse(body).GetProperty("accessToken").GetString()!;
    }

    /// <summary>A client of the host sending <paramref name="token"/> (none: anonymous).</summary>
    public HttpClient ClientWith(string? token)
    {
        var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        if (token is not null) client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    public async Task<T?> GetJson<T>(string path) => await Http.GetFromJsonAsync<T>(path);

    /// <summary>Kills the host at once, as a crash would.</summary>
    public void Kill()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
    }

    /// <summary>Kills the host at once (SIGKILL) and returns once the process is gone, its files and ports released.</summary>
    public async Task KillAndWaitAsync()
    {
        Kill();
        await _process.WaitForExitAsync();
    }

    /// <summary>Asks the host to stop (SIGTERM, as an orchestrator does in a rolling upgrade) and waits until it has exited.</summary>
    public async Task StopAsync(TimeSpan within)
    {
        if (_process.HasExited) return;
        using (var term = Process.Start("kill", ["-TERM", _process.Id.ToString()]))
        {
            await term.WaitForExitAsync();
        }
        using var timeout = new CancellationTokenSource(within);
        try
        {
            await _process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"host did not stop within {within} of SIGTERM:\n{Output}");
        }
    }

    /// <summary><c>GET /health/ready</c> whatever its status code (503 while not ready): the code and the body.</summary>
    public async Task<(int Status, JsonElement Body)> ReadinessAsync()
    {
        using var response = await Http.GetAsync("/health/ready");
        return ((int)response.StatusCode, Json.Parse(await response.Content.ReadAsStringAsync()));
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
        if (_ownsDataDirectory)
        {
            try
            {
                Directory.Delete(DataDirectory, recursive: true);
            }
            catch (IOException)
            {
                // best effort: the OS cleans its temp folder
            }
        }
    }
}
