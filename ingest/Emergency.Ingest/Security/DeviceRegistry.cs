using System.Collections.Frozen;
using Emergency.Ingest.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Emergency.Ingest.Security;

/// <summary>
/// The running host's view of the registry file. Loaded at start (an invalid file stops the start, every problem
/// named) and reloaded whenever the file changes, so <c>devices revoke</c> takes effect without a restart. A reload
/// that fails keeps the registry as it was (logged, counted). Devices whose credentials changed (revoked, removed,
/// rotated, certificate changed) are reported through <see cref="CredentialsChanged"/> so the broker can disconnect them.
/// </summary>
public sealed class DeviceRegistry : IHostedService, IDisposable
{
    private readonly IngestMetrics _metrics;
    private readonly DeviceSecurityOptions _options;
    private readonly ILogger<DeviceRegistry> _logger;
    private readonly TimeProvider _time;
    private readonly Lock _reloadLock = new();
    private volatile FrozenDictionary<string, DeviceRecord> _devices = FrozenDictionary<string, DeviceRecord>.Empty;
    private volatile FrozenDictionary<string, DeviceRecord> _inMemory = FrozenDictionary<string, DeviceRecord>.Empty;
    private (DateTime WrittenUtc, long Length)? _loadedVersion;
    private bool _loaded;
    private FileSystemWatcher? _watcher;
    private ITimer? _poll;

    public DeviceRegistry(IConfiguration configuration, IOptions<DeviceSecurityOptions> options, IngestMetrics metrics,
        TimeProvider time, ILogger<DeviceRegistry> logger)
    {
        _metrics = metrics;
        _options = options.Value;
        _logger = logger;
        _time = time;
        FilePath = ResolvePath(configuration, _options);
    }

    public string FilePath { get; }

    /// <summary>Ids of devices that must not stay connected with the credentials they logged in with.</summary>
    public event Action<IReadOnlyList<string>>? CredentialsChanged;

    public int Count => _devices.Count;

    /// <summary>The file's entry for the device, else one provisioned in memory, else null.</summary>
    public DeviceRecord? Find(string deviceId) => _devices.GetValueOrDefault(deviceId) ?? _inMemory.GetValueOrDefault(deviceId);

    /// <summary>
    /// Devices known to this process only, never written to the file (the demo's simulated fleet). An id the file
    /// also holds stays the file's: those are returned, not provisioned.
    /// </summary>
    public IReadOnlyList<string> ProvisionInMemory(IEnumerable<DeviceRecord> devices)
    {
        lock (_reloadLock)
        {
            var list = devices.ToList();
            var problems = DeviceRegistryFile.Validate(list);
            if (problems.Count > 0) throw new DeviceRegistryException(string.Join("; ", problems));
            var clashes = list.Where(d => _devices.ContainsKey(d.Id)).Select(d => d.Id).ToList();
            _inMemory = _inMemory.Values.Concat(list.Where(d => !_devices.ContainsKey(d.Id)))
                .GroupBy(d => d.Id).ToFrozenDictionary(g => g.Key, g => g.Last(), StringComparer.Ordinal);
            return clashes;
        }
    }

    /// <summary>The registry file path from configuration: <c>Security:Devices:RegistryFile</c>, else <c>{Data:Directory}/devices.json</c>.</summary>
    public static string ResolvePath(IConfiguration configuration, DeviceSecurityOptions options) =>
        Path.GetFullPath(options.RegistryFile is { Length: > 0 } file ? file : Path.Combine(DataPaths.Root(configuration), "devices.json"));

    /// <summary>Loads the file the first time; later calls do nothing. Throws <see cref="DeviceRegistryException"/> on an invalid file.</summary>
    public void EnsureLoaded()
    {
        lock (_reloadLock)
        {
            if (_loaded) return;
            var version = VersionOf(FilePath);
            _devices = DeviceRegistryFile.Load(FilePath).ToFrozenDictionary(d => d.Id, StringComparer.Ordinal);
            _loadedVersion = version;
            _loaded = true;
        }
        if (_loadedVersion is null)
        {
            _logger.LogWarning("No device registry at {Path}: every device is refused{Development}. Add devices with: devices add --id … --kind … --region …",
                FilePath, _options.Development ? " unless development mode lets it in" : "");
        }
        else
        {
            var revoked = _devices.Values.Count(d => d.IsRevoked);
            _logger.LogInformation("Device registry {Path}: {Active} devices, {Revoked} revoked", FilePath, _devices.Count - revoked, revoked);
        }
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        EnsureLoaded();
        var directory = Path.GetDirectoryName(FilePath)!;
        if (Directory.Exists(directory))
        {
            // Notifications make a revocation quick; the poll below catches what a watcher misses (network file systems).
            _watcher = new FileSystemWatcher(directory, Path.GetFileName(FilePath))
            {
                NotifyFilter = NotifyFilters.LastWrite | NotifyFilters.FileName | NotifyFilters.Size | NotifyFilters.CreationTime,
            };
            _watcher.Changed += (_, _) => ReloadIfChanged();
            _watcher.Created += (_, _) => ReloadIfChanged();
            _watcher.Renamed += (_, _) => ReloadIfChanged();
            _watcher.Deleted += (_, _) => ReloadIfChanged();
            _watcher.EnableRaisingEvents = true;
        }
        _poll = _time.CreateTimer(_ => ReloadIfChanged(), null, _options.ReloadInterval, _options.ReloadInterval);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        Dispose();
        return Task.CompletedTask;
    }

    /// <summary>Reads the file again if it changed since the last load; returns whether a new registry was taken.</summary>
    public bool ReloadIfChanged()
    {
        IReadOnlyList<string> changed;
        lock (_reloadLock)
        {
            var version = VersionOf(FilePath);
            if (version == _loadedVersion) return false;
            IReadOnlyList<DeviceRecord> loaded;
            try
            {
                loaded = DeviceRegistryFile.Load(FilePath);
            }
            catch (DeviceRegistryException ex)
            {
                _metrics.RegistryReloadFailed();
                _logger.LogError("Device registry not reloaded, the previous one stays in force: {Problem}", ex.Message);
                _loadedVersion = version; // report a broken file once, not at every poll
                return false;
            }
            var next = loaded.ToFrozenDictionary(d => d.Id, StringComparer.Ordinal);
            changed = _devices.Values.Where(old => !next.TryGetValue(old.Id, out var now) || LostAccess(old, now)).Select(d => d.Id).ToList();
            _devices = next;
            _loadedVersion = version;
        }
        var revoked = _devices.Values.Count(d => d.IsRevoked);
        _logger.LogInformation("Device registry reloaded: {Active} devices, {Revoked} revoked; credentials changed for {Changed}",
            _devices.Count - revoked, revoked, changed.Count == 0 ? "none" : string.Join(", ", changed));
        if (changed.Count > 0) CredentialsChanged?.Invoke(changed);
        return true;
    }

    private static bool LostAccess(DeviceRecord old, DeviceRecord now) =>
        now.IsRevoked && !old.IsRevoked
        || !string.Equals(old.SecretHash, now.SecretHash, StringComparison.Ordinal)
        || !string.Equals(old.CertificateThumbprint, now.CertificateThumbprint, StringComparison.OrdinalIgnoreCase)
        || old.Kind != now.Kind || !string.Equals(old.Region, now.Region, StringComparison.Ordinal);

    private static (DateTime, long)? VersionOf(string path)
    {
        var info = new FileInfo(path);
        return info.Exists ? (info.LastWriteTimeUtc, info.Length) : null;
    }

    public void Dispose()
    {
        _watcher?.Dispose();
        _watcher = null;
        _poll?.Dispose();
        _poll = null;
    }
}
