using System.Diagnostics;
using System.Text.RegularExpressions;
using Emergency.EndToEnd.Tests.Infrastructure;

namespace Emergency.EndToEnd.Tests.Security;

/// <summary>The host's real <c>devices …</c> command, run as its own process on a host's data folder.</summary>
public static partial class DevicesCli
{
    public sealed record Result(int ExitCode, string Output, string Error)
    {
        public override string ToString() => $"exit {ExitCode}\n{Output}\n{Error}";
    }

    /// <param name="dataDirectory">The folder a <see cref="HostProcess"/> runs in; its registry is <c>{dataDirectory}/data/devices.json</c>.</param>
    public static async Task<Result> RunAsync(string dataDirectory, params string[] args)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = dataDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(RepositoryPaths.HostAssembly);
        info.ArgumentList.Add("devices");
        foreach (var arg in args) info.ArgumentList.Add(arg);
        info.Environment["Data__Directory"] = Path.Combine(dataDirectory, "data");
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        return new Result(process.ExitCode, await output, await error);
    }

    /// <summary>Registers a device and returns the secret the command printed.</summary>
    public static async Task<string> AddAsync(string dataDirectory, string id, string kind, string region, params string[] extra)
    {
        var result = await RunAsync(dataDirectory, ["add", "--id", id, "--kind", kind, "--region", region, .. extra]);
        Assert.True(result.ExitCode == 0, $"devices add {id}: {result}");
        var match = PasswordLine().Match(result.Output);
        Assert.True(match.Success, $"no password in the output of devices add: {result}");
        return match.Groups[1].Value;
    }

    [GeneratedRegex(@"password:\s+(\S+)")]
    private static partial Regex PasswordLine();
}
