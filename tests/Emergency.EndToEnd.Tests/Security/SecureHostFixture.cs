using System.Text.Json;
using Emergency.EndToEnd.Tests.Infrastructure;

namespace Emergency.EndToEnd.Tests.Security;

/// <summary>
/// A host in secure mode (<c>Security__Development=false</c>) whose registry was filled by the real <c>devices add</c>
/// command before it started. A tight rate limit (1 frame/s, burst 3) so the limit can be hit with a handful of frames.
/// </summary>
public sealed class SecureHostFixture : IAsyncLifetime
{
    public const string Region = "sec";
    public const int Burst = 3;

    /// <summary>Devices registered before the host starts, one per test that needs its own.</summary>
    /// <remarks><c>AMB-01</c> is the first ambulance of the device simulator.</remarks>
    public static readonly string[] Devices = ["AMB-S1", "AMB-S2", "AMB-REV", "AMB-ROT", "AMB-RATE", "AMB-RATE3", "AMB-SUB", "AMB-01"];

    private readonly Dictionary<string, string> _secrets = new(StringComparer.Ordinal);

    public HostProcess Host { get; private set; } = null!;
    public string DataDirectory { get; private set; } = null!;

    public string SecretOf(string deviceId) => _secrets[deviceId];

    public async Task InitializeAsync()
    {
        DataDirectory = Directory.CreateTempSubdirectory("emergency-security-").FullName;
        foreach (var id in Devices)
        {
            _secrets[id] = await DevicesCli.AddAsync(DataDirectory, id, "ambulance", Region);
        }
        // An administrator to read patient state through the API (secure mode has no demo users).
        await SecurityHostFixture.RunUsersCommand(Path.Combine(DataDirectory, "data"), "add", "--name", SecurityHostFixture.AdminName,
            "--role", "admin", "--password", SecurityHostFixture.Password);
        Host = await HostProcess.StartAsync(new Dictionary<string, string>
        {
            ["Security__Development"] = "false",
            ["Security__Devices__MaxFramesPerSecond"] = "1",
            ["Security__Devices__Burst"] = Burst.ToString(),
            ["Security__Devices__ReloadInterval"] = "00:00:00.500",
        }, DataDirectory);
        await Host.UseAccountAsync(SecurityHostFixture.AdminName, SecurityHostFixture.Password);
    }

    /// <summary>
    /// The host's output once it holds <paramref name="text"/> (it reaches the test a moment after the MQTT answer),
    /// or as it is after 10 s.
    /// </summary>
    public Task<string> OutputOnceItContains(string text) => OutputOnceALine(l => l.Contains(text, StringComparison.Ordinal));

    /// <summary>The host's output once a line of it matches <paramref name="line"/>, or as it is after 10 s.</summary>
    public async Task<string> OutputOnceALine(Func<string, bool> line)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (!Host.Output.Split('\n').Any(line) && DateTime.UtcNow < deadline) await Task.Delay(50);
        return Host.Output;
    }

    /// <summary>The ingest counters from <c>/health/ready</c>.</summary>
    public async Task<JsonElement> IngestAsync() => (await Host.ReadinessAsync()).Body.GetProperty("ingest");

    /// <summary>The device gate's refusal counters from <c>/health/ready</c>, by reason.</summary>
    public async Task<Dictionary<string, long>> RefusalsAsync()
    {
        var (_, body) = await Host.ReadinessAsync();
        return body.GetProperty("ingest").GetProperty("security").GetProperty("refused").EnumerateObject()
            .ToDictionary(p => p.Name, p => p.Value.GetInt64());
    }

    public async Task DisposeAsync()
    {
        await Host.DisposeAsync();
        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // best effort
        }
    }
}

[CollectionDefinition(Name)]
public sealed class SecureHostCollection : ICollectionFixture<SecureHostFixture>
{
    public const string Name = "device security: secure host";
}
