using Emergency.Domain.Devices;
using Emergency.Ingest.Security;

namespace Emergency.Ingest.Tests.Security;

public sealed class DeviceRegistryFileTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("emergency-registry-").FullName;
    private string PathOf(string name = "devices.json") => Path.Combine(_directory, name);

    [Fact]
    public void Missing_file_is_an_empty_registry() => Assert.Empty(DeviceRegistryFile.Load(PathOf()));

    [Fact]
    public void Devices_round_trip_through_the_file_and_only_the_hash_is_stored()
    {
        var secret = DeviceSecret.Generate();
        var device = Devices.Record("AMB-01", DeviceKind.Ambulance, "sh", secret, new string('C', 64));
        var wearable = Devices.Record("W-0001", DeviceKind.Wearable, "sh") with { RevokedAt = DateTimeOffset.UnixEpoch };

        DeviceRegistryFile.Update(PathOf(), _ => [device, wearable]);

        Assert.Equal([device, wearable], DeviceRegistryFile.Load(PathOf()));
        var text = File.ReadAllText(PathOf());
        Assert.DoesNotContain(secret, text);
        Assert.Contains("\"kind\": \"wearable\"", text);
        // Nothing left behind: no temporary file, no lock file.
        Assert.Equal(["devices.json"], Directory.GetFiles(_directory).Select(Path.GetFileName));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(PathOf()));
        }
    }

    [Fact]
    public void A_refused_change_leaves_the_file_as_it_was()
    {
        DeviceRegistryFile.Update(PathOf(), _ => [Devices.Record("AMB-01", DeviceKind.Ambulance, "sh")]);
        var before = File.ReadAllText(PathOf());

        Assert.Throws<DeviceRegistryException>(() => DeviceRegistryFile.Update(PathOf(), _ => throw new DeviceRegistryException("no")));
        var duplicate = Assert.Throws<DeviceRegistryException>(() => DeviceRegistryFile.Update(PathOf(),
            d => [.. d, Devices.Record("AMB-01", DeviceKind.Ambulance, "sh")]));

        Assert.Contains("device 'AMB-01' is listed twice", duplicate.Message);
        Assert.Equal(before, File.ReadAllText(PathOf()));
    }

    [Fact]
    public void Invalid_file_is_refused_with_every_problem_named()
    {
        File.WriteAllText(PathOf(), """
            {"devices":[
              {"id":"AMB 01","kind":"ambulance","region":"sh","secretHash":"x","createdAt":"2026-12-01T00:00:00Z"},
              {"id":"AMB-02","kind":"ambulance","region":"s/h","secretHash":"hmac-sha256:AAAAAAAAAAAAAAAAAAAAAA==:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=","createdAt":"2026-12-01T00:00:00Z","certificateThumbprint":"12"}
            ]}
            """);

        var error = Assert.Throws<DeviceRegistryException>(() => DeviceRegistryFile.Load(PathOf()));

        Assert.Contains("device 'AMB 01': id must be", error.Message);
        Assert.Contains("device 'AMB 01': secretHash is not a hash this service wrote", error.Message);
        Assert.Contains("device 'AMB-02': region must be", error.Message);
        Assert.Contains("device 'AMB-02': certificateThumbprint must be 64 hex digits", error.Message);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("""{"devices":[{"id":"AMB-01","kind":"boat","region":"sh","secretHash":"x","createdAt":"2026-12-01T00:00:00Z"}]}""")]
    [InlineData("""{"devices":[{"id":"AMB-01","region":"sh"}]}""")]
    public void Unreadable_file_is_refused_with_its_path(string content)
    {
        File.WriteAllText(PathOf(), content);
        var error = Assert.Throws<DeviceRegistryException>(() => DeviceRegistryFile.Load(PathOf()));
        Assert.Contains(PathOf(), error.Message);
    }

    [Fact]
    public void Concurrent_changes_do_not_lose_each_other()
    {
        Parallel.For(0, 20, i => DeviceRegistryFile.Update(PathOf(), d => [.. d, Devices.Record($"AMB-{i:00}", DeviceKind.Ambulance, "sh")]));
        Assert.Equal(20, DeviceRegistryFile.Load(PathOf()).Count);
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
