using Emergency.Benchmarks.Hosting;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;

namespace Emergency.Benchmarks.Load;

/// <summary>
/// The service: the real host process (broker, silo, journal, SQLite history, SignalR) started on free loopback
/// ports with a fresh data folder, or one already running (<c>--http</c> and <c>--mqtt-port</c>).
/// </summary>
public sealed class ServiceTarget(string region, Uri? attachTo, int attachMqttPort, int? attachPid,
    IReadOnlyDictionary<string, string> hostSettings) : ILoadTarget
{
    private ChildProcess? _host;
    private string? _dataDirectory;
    private HttpClient? _http;
    private string? _token;

    public string Name => "service";
    public int MqttPort { get; private set; } = attachMqttPort;
    public int? Pid { get; private set; } = attachPid;
    public bool KeyedByPatient => true;
    public Uri BaseAddress { get; private set; } = attachTo ?? new Uri("http://127.0.0.1:5080");

    public async Task StartAsync(CancellationToken ct)
    {
        if (attachTo is null)
        {
            if (!File.Exists(RepositoryLayout.HostAssembly))
            {
                throw new InvalidOperationException($"host not built: {RepositoryLayout.HostAssembly} (dotnet build -c Release)");
            }
            var ports = ChildProcess.FreePorts(4);
            _dataDirectory = Directory.CreateTempSubdirectory("emergency-load-").FullName;
            BaseAddress = new Uri($"http://127.0.0.1:{ports[0]}");
            MqttPort = ports[1];
            var environment = new Dictionary<string, string>
            {
                ["ASPNETCORE_URLS"] = BaseAddress.ToString(),
                ["Urls"] = BaseAddress.ToString(),
                ["Mqtt__Port"] = ports[1].ToString(CultureInfo.InvariantCulture),
                ["Orleans__SiloPort"] = ports[2].ToString(CultureInfo.InvariantCulture),
                ["Orleans__GatewayPort"] = ports[3].ToString(CultureInfo.InvariantCulture),
                ["Data__Directory"] = Path.Combine(_dataDirectory, "data"),
                ["DOTNET_ENVIRONMENT"] = "Production",
                ["ASPNETCORE_ENVIRONMENT"] = "Production",
                // The load devices are not in a device registry (one publisher speaks for many devices), and the demo
                // users let the SignalR observer sign in as the demo admin.
                ["Security__Development"] = "true",
                // The host logs a warning per refused frame; under load only errors are worth the console.
                ["Logging__LogLevel__Default"] = "Error",
            };
            foreach (var (key, value) in hostSettings) environment[key] = value;
            _host = ChildProcess.Start("dotnet", [RepositoryLayout.HostAssembly, "--contentRoot", RepositoryLayout.HostProjectDirectory],
                _dataDirectory, environment);
            Pid = _host.Pid;
        }
        _http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(10) };
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(90);
        while (DateTime.UtcNow < deadline)
        {
            if (_host is { HasExited: true }) throw new InvalidOperationException($"host exited:\n{_host.Tail}");
            try
            {
                using var response = await _http.GetAsync("/health/ready", ct);
                if (response.IsSuccessStatusCode)
                {
                    _token = await HostSignIn.TokenAsync(BaseAddress, HostSignIn.User([]), HostSignIn.Password([]), ct);
                    _http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", _token);
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }
            catch (TaskCanceledException) when (!ct.IsCancellationRequested)
            {
                // busy machine: ask again
            }
            await Task.Delay(200, ct);
        }
        throw new TimeoutException($"host not ready:\n{_host?.Tail}");
    }

    public IDeliveryObserver CreateObserver() => new SignalRObserver(BaseAddress, region, _token);

    /// <summary>Accepted + gap-filled frames from <c>/health/ready</c>: what the grains applied.</summary>
    public async Task<long?> AppliedCountAsync()
    {
        try
        {
            var body = await _http!.GetFromJsonAsync<JsonElement>("/health/ready");
            var ingest = body.GetProperty("ingest");
            return ingest.GetProperty("accepted").GetInt64() + ingest.GetProperty("gapFilled").GetInt64();
        }
        catch (Exception) when (_host is null || !_host.HasExited)
        {
            return null;
        }
    }

    /// <summary>The newest applied <c>ts</c> of a patient, from <c>GET /api/patients/{id}</c>.</summary>
    public async Task<long?> AppliedTsAsync(string patientId)
    {
        try
        {
            var state = await _http!.GetFromJsonAsync<JsonElement>($"/api/patients/{Uri.EscapeDataString(patientId)}");
            return state.GetProperty("vitals").GetProperty("ts").GetDateTimeOffset().ToUnixTimeMilliseconds();
        }
        catch (Exception)
        {
            return null;
        }
    }

    public async ValueTask DisposeAsync()
    {
        _http?.Dispose();
        if (_host is not null) await _host.DisposeAsync();
        if (_dataDirectory is not null)
        {
            try { Directory.Delete(_dataDirectory, recursive: true); } catch (IOException) { /* the OS cleans temp */ }
        }
    }
}
