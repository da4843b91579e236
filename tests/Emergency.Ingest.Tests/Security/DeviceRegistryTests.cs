using System.Diagnostics.Metrics;
using Emergency.Domain.Devices;
using Emergency.Ingest.Hosting;
using Emergency.Ingest.Security;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Emergency.Ingest.Tests.Security;

/// <summary>The host's live registry: reloads on change, reports who lost access, survives a broken file.</summary>
public sealed class DeviceRegistryTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("emergency-live-registry-").FullName;
    private readonly ServiceProvider _services = new ServiceCollection().AddMetrics().BuildServiceProvider();
    private readonly IngestMetrics _metrics;
    private readonly DeviceRegistry _registry;
    private readonly List<string> _changed = [];

    public DeviceRegistryTests()
    {
        _metrics = new IngestMetrics(_services.GetRequiredService<IMeterFactory>());
        var configuration = new ConfigurationBuilder().AddInMemoryCollection([new("Data:Directory", _directory)]).Build();
        _registry = new DeviceRegistry(configuration, Options.Create(new DeviceSecurityOptions()), _metrics, TimeProvider.System,
            NullLogger<DeviceRegistry>.Instance);
        _registry.CredentialsChanged += ids => _changed.AddRange(ids);
    }

    private void Change(Func<IReadOnlyList<DeviceRecord>, IReadOnlyList<DeviceRecord>> change) =>
        DeviceRegistryFile.Update(Path.Combine(_directory, "devices.json"), change);

    [Fact]
    public void Registry_file_defaults_to_the_data_folder() =>
        Assert.Equal(Path.Combine(_directory, "devices.json"), _registry.FilePath);

    [Fact]
    public void Revocation_and_rotation_are_picked_up_and_reported_new_devices_are_not()
    {
        Change(_ => [Devices.Record("AMB-01", DeviceKind.Ambulance, "sh"), Devices.Record("AMB-02", DeviceKind.Ambulance, "sh")]);
        _registry.EnsureLoaded();
        Assert.False(_registry.Find("AMB-01")!.IsRevoked);

        Change(d => [.. d.Select(x => x.Id == "AMB-01" ? x with { RevokedAt = DateTimeOffset.UtcNow } : x), Devices.Record("AMB-03", DeviceKind.Ambulance, "sh")]);
        Assert.True(_registry.ReloadIfChanged());
        Assert.True(_registry.Find("AMB-01")!.IsRevoked);
        Assert.NotNull(_registry.Find("AMB-03"));
        Assert.Equal(["AMB-01"], _changed);

        Change(d => d.Select(x => x.Id == "AMB-02" ? x with { SecretHash = DeviceSecret.Hash(DeviceSecret.Generate()) } : x).ToList());
        Assert.True(_registry.ReloadIfChanged());
        Assert.Equal(["AMB-01", "AMB-02"], _changed);

        Assert.False(_registry.ReloadIfChanged()); // unchanged file: nothing read
    }

    [Fact]
    public void Broken_file_keeps_the_registry_in_force_and_is_counted()
    {
        Change(_ => [Devices.Record("AMB-01", DeviceKind.Ambulance, "sh")]);
        _registry.EnsureLoaded();

        File.WriteAllText(Path.Combine(_directory, "devices.json"), "{ half a file");
        Assert.False(_registry.ReloadIfChanged());

        Assert.NotNull(_registry.Find("AMB-01"));
        Assert.Equal(1, _metrics.Snapshot().Security.RegistryReloadFailures);
        Assert.Empty(_changed);
    }

    [Fact]
    public void Broken_file_at_start_stops_the_start()
    {
        File.WriteAllText(Path.Combine(_directory, "devices.json"), "[]");
        Assert.Throws<DeviceRegistryException>(_registry.EnsureLoaded);
    }

    public void Dispose()
    {
        _registry.Dispose();
        _metrics.Dispose();
        _services.Dispose();
        Directory.Delete(_directory, recursive: true);
    }
}
