using Emergency.DeviceSim.Cli;

namespace Emergency.DeviceSim.Tests;

/// <summary><c>--credentials file</c>: one <c>deviceId secret</c> per line, as the host's <c>devices add</c> suggests.</summary>
public sealed class CredentialsFileTests : IDisposable
{
    private readonly string _file = Path.GetTempFileName();

    [Fact]
    public void Credentials_file_gives_each_listed_device_its_secret()
    {
        File.WriteAllLines(_file, ["# fleet of station 4", "AMB-01 s3cr3t-one", "", "  W-0001\tsecret-two  "]);

        var result = CommandLine.Parse(["--credentials", _file]);

        Assert.Null(result.Error);
        var credentials = result.Options!.Credentials!;
        Assert.Equal(2, credentials.Count);
        Assert.Equal("s3cr3t-one", credentials["AMB-01"]);
        Assert.Equal("secret-two", credentials["W-0001"]);
        Assert.DoesNotContain("s3cr3t-one", result.Options.ToString());
    }

    [Fact]
    public void Malformed_line_is_refused_with_its_number()
    {
        File.WriteAllLines(_file, ["AMB-01 one", "AMB-02"]);
        Assert.Equal($"--credentials: {_file} line 2 is not \"deviceId secret\"", CommandLine.Parse(["--credentials", _file]).Error);
    }

    [Fact]
    public void Missing_file_is_refused()
    {
        var error = CommandLine.Parse(["--credentials", _file + ".missing"]).Error;
        Assert.StartsWith("--credentials: cannot read", error);
    }

    public void Dispose() => File.Delete(_file);
}
