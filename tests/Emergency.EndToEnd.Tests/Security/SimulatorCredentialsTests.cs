using System.Diagnostics;
using Emergency.EndToEnd.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Emergency.EndToEnd.Tests.Security;

/// <summary>The device simulator logs its devices in with the secrets <c>devices add</c> printed (<c>--credentials</c>).</summary>
[Collection(SecureHostCollection.Name)]
public sealed class SimulatorCredentialsTests(SecureHostFixture fx, ITestOutputHelper output)
{
    private static string SimulatorAssembly => Path.Combine(RepositoryPaths.Root, "device-sim", "Emergency.DeviceSim", "bin",
        RepositoryPaths.Configuration, "net10.0", "Emergency.DeviceSim.dll");

    [Fact]
    public async Task Simulator_with_a_credentials_file_connects_to_a_secure_host_and_its_frames_are_accepted()
    {
        var credentials = Path.Combine(fx.DataDirectory, "device-credentials.txt");
        await File.WriteAllTextAsync(credentials, $"AMB-01 {fx.SecretOf("AMB-01")}\n");
        var before = await fx.IngestAsync();
        var refusedBefore = await fx.RefusalsAsync();

        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { SimulatorAssembly, "--port", fx.Host.MqttPort.ToString(), "--region", SecureHostFixture.Region,
                     "--ambulances", "1", "--wearables", "0", "--rate", "0.5", "--duration", "4s", "--credentials", credentials })
        {
            info.ArgumentList.Add(arg);
        }
        using var simulator = Process.Start(info)!;
        var stdout = simulator.StandardOutput.ReadToEndAsync();
        var stderr = simulator.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await simulator.WaitForExitAsync(timeout.Token);
        output.WriteLine(await stdout);
        output.WriteLine(await stderr);

        Assert.Equal(0, simulator.ExitCode); // 1 would mean it never connected
        var after = await fx.IngestAsync();
        Assert.True(after.GetProperty("accepted").GetInt64() > before.GetProperty("accepted").GetInt64(), fx.Host.Output);
        var refusedAfter = await fx.RefusalsAsync();
        foreach (var reason in new[] { "unknown_device", "bad_password", "no_credentials", "username_mismatch", "publish_not_allowed" })
        {
            Assert.Equal(refusedBefore[reason], refusedAfter[reason]);
        }
    }
}
