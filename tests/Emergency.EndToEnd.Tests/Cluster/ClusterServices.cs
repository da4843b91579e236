using System.Diagnostics;
using Emergency.EndToEnd.Tests.Infrastructure;

namespace Emergency.EndToEnd.Tests.Cluster;

/// <summary>
/// What a cluster stands on, started for the tests on 127.0.0.1 and free ports, in a temporary folder, stopped at the
/// end: Debian's PostgreSQL (scripts/postgres-local.sh) with Orleans' tables applied by the host's own
/// <c>cluster setup</c>, Debian's Mosquitto 2 with persistence on, and a Redis for the SignalR backplane.
/// Orleans' PostgreSQL scripts are not in its NuGet packages and cannot be fetched on an offline machine: without
/// them (or with <c>EMERGENCY_CLUSTER_STORE=redis</c>) membership and grain state go to the Redis instead
/// (<c>Cluster:Mode=Redis</c>), and the same tests run; the test output names the store.
/// </summary>
public sealed class ClusterServices : IAsyncLifetime
{
    private readonly string _root = Directory.CreateTempSubdirectory("emergency-cluster-").FullName;
    private ExternalProcess? _mosquitto;
    private ExternalProcess? _redis;
    private int _postgresPort;

    public string PostgresConnection { get; private set; } = "";
    public int MosquittoPort { get; private set; }
    public int RedisPort { get; private set; }
    public string MosquittoOutput => _mosquitto?.Output ?? "";

    /// <summary>Orleans' PostgreSQL scripts: <c>EMERGENCY_ORLEANS_SQL</c>, else where scripts/orleans-sql.sh puts them.</summary>
    public static string ScriptsDirectory =>
        Environment.GetEnvironmentVariable("EMERGENCY_ORLEANS_SQL") is { Length: > 0 } dir ? dir
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache", "emergency", "orleans-sql", "10.4.2");

    /// <summary>True when the cluster keeps membership and grain state in PostgreSQL, false when in Redis.</summary>
    public bool OnPostgres { get; } =
        !string.Equals(Environment.GetEnvironmentVariable("EMERGENCY_CLUSTER_STORE"), "redis", StringComparison.OrdinalIgnoreCase)
        && ClusterScriptsPresent(ScriptsDirectory);

    private static bool ClusterScriptsPresent(string directory) =>
        new[] { "PostgreSQL-Main.sql", "PostgreSQL-Clustering.sql", "PostgreSQL-Persistence.sql" }
            .All(name => File.Exists(Path.Combine(directory, name)));

    public async Task InitializeAsync()
    {
        // PostgreSQL and Mosquitto run as their own users: they must be able to enter the (private) temp folder.
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(_root, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
            | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute);
        var ports = FreePorts.Take(3);
        (_postgresPort, MosquittoPort, RedisPort) = (ports[0], ports[1], ports[2]);

        if (OnPostgres)
        {
            await Run("bash", Path.Combine(RepositoryPaths.Root, "scripts", "postgres-local.sh"), "start", Path.Combine(_root, "pg"), _postgresPort.ToString());
            PostgresConnection = $"Host=127.0.0.1;Port={_postgresPort};Username=postgres;Database=postgres";
            var setup = await Run("dotnet", RepositoryPaths.HostAssembly, "cluster", "setup", "--connection", PostgresConnection, "--scripts", ScriptsDirectory);
            // The setup is idempotent: a second run changes nothing and says so.
            var again = await Run("dotnet", RepositoryPaths.HostAssembly, "cluster", "setup", "--connection", PostgresConnection, "--scripts", ScriptsDirectory);
            SetupOutput = "store: PostgreSQL\n" + setup + again;
        }
        else
        {
            SetupOutput = $"store: Redis (Orleans' PostgreSQL scripts not found in {ScriptsDirectory}, or EMERGENCY_CLUSTER_STORE=redis)";
        }

        var mosquittoDir = Path.Combine(_root, "mosquitto");
        Directory.CreateDirectory(mosquittoDir);
        await File.WriteAllTextAsync(Path.Combine(mosquittoDir, "mosquitto.conf"), $"""
            listener {MosquittoPort} 127.0.0.1
            allow_anonymous true
            persistence true
            persistence_location {mosquittoDir}/
            autosave_interval 1
            max_queued_messages 0
            persistent_client_expiration 1d
            log_dest stdout
            log_type error
            log_type warning
            """);
        if (Environment.UserName == "root")
        {
            // Mosquitto started as root drops to its own user, which must be able to write its store.
            await Run("chown", "-R", "mosquitto", mosquittoDir);
        }
        _mosquitto = await ExternalProcess.StartAsync("mosquitto", ["-c", Path.Combine(mosquittoDir, "mosquitto.conf")], MosquittoPort);
        _redis = await ExternalProcess.StartAsync("redis-server",
            ["--port", RedisPort.ToString(), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--protected-mode", "yes"], RedisPort);
    }

    public string SetupOutput { get; private set; } = "";

    /// <summary>The settings of cluster node <paramref name="index"/>; the same index means the same MQTT session.</summary>
    public Dictionary<string, string> NodeSettings(string clusterId, int index) => new()
    {
        ["Cluster__Mode"] = OnPostgres ? "AdoNet" : "Redis",
        ["Cluster__ConnectionString"] = OnPostgres ? PostgresConnection : $"127.0.0.1:{RedisPort}",
        ["Cluster__ClusterId"] = clusterId,
        ["Cluster__ServiceId"] = clusterId,
        ["Mqtt__Broker"] = $"mqtt://127.0.0.1:{MosquittoPort}",
        ["Mqtt__ClientId"] = $"{clusterId}-node-{index}",
        ["Mqtt__SharedGroup"] = clusterId,
        ["LivePush__Redis"] = $"127.0.0.1:{RedisPort}",
    };

    public async Task DisposeAsync()
    {
        if (_redis is not null) await _redis.DisposeAsync();
        if (_mosquitto is not null) await _mosquitto.DisposeAsync();
        try
        {
            if (OnPostgres)
            {
                await Run("bash", Path.Combine(RepositoryPaths.Root, "scripts", "postgres-local.sh"), "stop", Path.Combine(_root, "pg"), _postgresPort.ToString());
            }
        }
        finally
        {
            try { Directory.Delete(_root, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }

    private static async Task<string> Run(string file, params string[] arguments)
    {
        var info = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in arguments) info.ArgumentList.Add(a);
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        var output = await stdout + await stderr;
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {string.Join(' ', arguments)} failed ({process.ExitCode}): {output}");
        }
        return output;
    }
}
