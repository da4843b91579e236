using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using Emergency.EndToEnd.Tests.Infrastructure;
using static Emergency.EndToEnd.Tests.Infrastructure.Json;

namespace Emergency.EndToEnd.Tests.Security;

/// <summary>
/// A host in production security mode (no demo users, a configured signing key), its first administrator added through
/// the real <c>users add</c> command before start, every other account through the admin API, and one patient on
/// unit <see cref="Unit"/> in region <c>sh</c> on its way to <see cref="Hospital"/>.
/// </summary>
public sealed class SecurityHostFixture : IAsyncLifetime
{
    public const string Hospital = "H-08";
    public const string OtherHospital = "H-01";
    public const string Region = "sh";
    public const string OtherRegion = "bj";
    public const string AdminName = "sec.admin";
    public const string Password = "correct-horse-battery";
    /// <summary>Sign-in failures per user name before 429 (kept low here so the throttle test is short).</summary>
    public const int MaxFailures = 3;
    /// <summary>Requests per person per minute (low here so the rate-limit test is short; the table stays well below it).</summary>
    public const int PermitsPerMinute = 150;

    private readonly string _dataDirectory = Directory.CreateTempSubdirectory("emergency-sec-").FullName;
    private readonly Dictionary<string, string> _tokens = new(StringComparer.Ordinal);

    public string PatientId { get; } = $"P-SEC-{Guid.NewGuid():N}"[..16];
    public string Unit { get; } = $"AMB-SEC-{Guid.NewGuid():N}"[..16];
    public string OtherUnit { get; } = $"AMB-OTH-{Guid.NewGuid():N}"[..16];
    public HostProcess Host { get; private set; } = null!;
    public string AdminCommandOutput { get; private set; } = "";

    /// <summary>The people of the table, by role name in <see cref="SecurityTable"/>, with their accounts.</summary>
    public IReadOnlyDictionary<string, (string Name, string Role, string[] Scope)> People => new Dictionary<string, (string, string, string[])>
    {
        ["admin"] = (AdminName, "admin", []),
        ["ed of H"] = ("sec.ed.h08", "ed", [Hospital]),
        ["ed of other"] = ("sec.ed.h01", "ed", [OtherHospital]),
        ["dispatcher of R"] = ("sec.dispatch.sh", "dispatcher", [Region]),
        ["dispatcher of other"] = ("sec.dispatch.bj", "dispatcher", [OtherRegion]),
        ["crew of U"] = ("sec.crew.u", "crew", [Unit]),
        ["crew of other"] = ("sec.crew.other", "crew", [OtherUnit]),
    };

    public async Task InitializeAsync()
    {
        var data = Path.Combine(_dataDirectory, "data");
        AdminCommandOutput = await RunUsersCommand(data, "add", "--name", AdminName, "--role", "admin", "--password", Password);
        // Secure mode refuses devices that are not in the registry: the two units are provisioned like any other.
        var unitSecret = await DevicesCli.AddAsync(_dataDirectory, Unit, "ambulance", Region);
        var otherSecret = await DevicesCli.AddAsync(_dataDirectory, OtherUnit, "ambulance", Region);
        Host = await HostProcess.StartAsync(new Dictionary<string, string>
        {
            ["Security__Development"] = "false",
            ["Security__Tokens__SigningKey"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
            ["Security__SignIn__MaxFailures"] = MaxFailures.ToString(),
            ["Security__RateLimit__PermitsPerWindow"] = PermitsPerMinute.ToString(),
            ["Security__RateLimit__Window"] = "00:01:00",
        }, _dataDirectory);
        using var admin = Host.ClientWith(await TokenFor("admin"));
        foreach (var (key, (name, role, scope)) in People.Where(p => p.Key != "admin"))
        {
            var created = await admin.PostAsJsonAsync("/api/users", new { name, role, scope, password = Password });
            Assert.True(created.StatusCode == HttpStatusCode.Created, $"{key}: {await created.Content.ReadAsStringAsync()}");
        }

        // The patient: reported by unit U over MQTT, with a GPS fix, sent to hospital H by the admin.
        await using var device = await TestDevice.ConnectAsync(Host.MqttPort, Unit, password: unitSecret);
        var now = DateTimeOffset.UtcNow;
        await device.PublishAsync($"ems/{Region}/ambulance/{Unit}/position",
            $"{{\"seq\":1,\"ts\":\"{now.UtcDateTime:yyyy-MM-ddTHH:mm:ss.fffZ}\",\"lat\":31.2000,\"lon\":121.4500,\"speedKmh\":40,\"heading\":90}}");
        await device.PublishAsync($"ems/{Region}/ambulance/{Unit}/vitals", VitalsFrame(PatientId, 2, now, ExampleVitals));
        await using var other = await TestDevice.ConnectAsync(Host.MqttPort, OtherUnit, password: otherSecret);
        await other.PublishAsync($"ems/{Region}/ambulance/{OtherUnit}/position",
            $"{{\"seq\":1,\"ts\":\"{now.UtcDateTime:yyyy-MM-ddTHH:mm:ss.fffZ}\",\"lat\":31.2100,\"lon\":121.4600,\"speedKmh\":0,\"heading\":0}}");
        var sent = await admin.PutAsJsonAsync($"/api/ambulances/{Unit}/destination", new { hospitalId = Hospital, patientId = PatientId, by = "sec.admin" });
        Assert.True(sent.IsSuccessStatusCode, await sent.Content.ReadAsStringAsync());
    }

    /// <summary>A bearer token of a person of the table (signed in once), or null for "unauthenticated".</summary>
    public async Task<string?> TokenFor(string person)
    {
        if (person == SecurityTable.Anonymous) return null;
        lock (_tokens)
        {
            if (_tokens.TryGetValue(person, out var cached)) return cached;
        }
        var token = await Host.SignInAsync(People[person].Name, Password);
        lock (_tokens) _tokens[person] = token;
        return token;
    }

    /// <summary><c>dotnet Emergency.Dashboard.dll users …</c> against a data folder, as an operator runs it.</summary>
    public static async Task<string> RunUsersCommand(string dataDirectory, params string[] args)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(RepositoryPaths.HostAssembly);
        info.ArgumentList.Add("users");
        foreach (var a in args) info.ArgumentList.Add(a);
        info.Environment["Data__Directory"] = dataDirectory;
        using var process = Process.Start(info)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"users {string.Join(' ', args)} exited {process.ExitCode}: {output}{error}");
        return output;
    }

    public async Task DisposeAsync()
    {
        await Host.DisposeAsync();
        try
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // best effort
        }
    }
}

[CollectionDefinition(Name)]
public sealed class SecurityHostCollection : ICollectionFixture<SecurityHostFixture>
{
    public const string Name = "security host";
}
