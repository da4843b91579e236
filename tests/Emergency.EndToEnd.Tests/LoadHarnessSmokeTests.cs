using System.Diagnostics;
using System.Text.Json;
using Emergency.EndToEnd.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Emergency.EndToEnd.Tests;

/// <summary>
/// The load harness itself, kept from rotting: 50 devices for 5 s against the host it starts and the bare MQTTnet
/// baseline, as a real run would. Asserts nothing about speed; only that nothing is lost and the report is sane.
/// </summary>
public sealed class LoadHarnessSmokeTests(ITestOutputHelper output)
{
    private static string HarnessAssembly => Path.Combine(RepositoryPaths.Root, "benchmarks", "Emergency.Benchmarks", "bin",
        RepositoryPaths.Configuration, "net10.0", "Emergency.Benchmarks.dll");

    [Fact]
    public async Task Fifty_devices_for_five_seconds_lose_no_frame_and_report_ordered_latencies()
    {
        var outDir = Directory.CreateTempSubdirectory("emergency-load-smoke-").FullName;
        try
        {
            var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (var arg in new[]
                     {
                         HarnessAssembly, "load", "--devices", "50", "--connections", "10", "--rate", "50", "--duration", "5",
                         "--warmup", "1", "--targets", "mqttnet-bare,service", "--out", outDir, "--fail-on-loss",
                     })
            {
                info.ArgumentList.Add(arg);
            }
            using var harness = Process.Start(info)!;
            var stdout = harness.StandardOutput.ReadToEndAsync();
            var stderr = harness.StandardError.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
            await harness.WaitForExitAsync(timeout.Token);
            output.WriteLine(await stdout);
            output.WriteLine(await stderr);
            Assert.Equal(0, harness.ExitCode);

            var report = JsonDocument.Parse(await File.ReadAllTextAsync(Directory.GetFiles(outDir, "load-*.json").Single()));
            var results = report.RootElement.GetProperty("results").EnumerateArray().ToList();
            Assert.Equal(["mqttnet-bare", "service"], results.Select(r => r.GetProperty("target").GetString()));
            foreach (var r in results)
            {
                var sent = r.GetProperty("sent").GetInt64();
                Assert.InRange(sent, 200, 400);                       // ~50/s for 6 s
                Assert.Equal(sent, r.GetProperty("acked").GetInt64());
                Assert.Equal(0, r.GetProperty("lost").GetInt64());
                AssertOrdered(r.GetProperty("ack"));
                AssertOrdered(r.GetProperty("delivery"));
                Assert.True(r.GetProperty("targetCpuPercent").GetDouble() > 0);
                Assert.True(r.GetProperty("targetRssBytes").GetInt64() > 1_000_000);
            }
            var service = results[1];
            Assert.Equal(service.GetProperty("acked").GetInt64(), service.GetProperty("appliedByTarget").GetInt64());
            Assert.Equal(0, service.GetProperty("lastFrameNotDelivered").GetInt32());
            Assert.True(service.GetProperty("apiSpotChecks").GetInt32() > 0);
            Assert.Equal(0, service.GetProperty("apiSpotCheckMismatches").GetInt32());
            Assert.True(File.Exists(Directory.GetFiles(outDir, "load-*.md").Single()));
        }
        finally
        {
            Directory.Delete(outDir, recursive: true);
        }
    }

    private static void AssertOrdered(JsonElement latency)
    {
        Assert.True(latency.GetProperty("count").GetInt64() > 0);
        var p50 = latency.GetProperty("p50").GetDouble();
        var p95 = latency.GetProperty("p95").GetDouble();
        var p99 = latency.GetProperty("p99").GetDouble();
        var max = latency.GetProperty("max").GetDouble();
        Assert.True(p50 > 0 && p50 <= p95 && p95 <= p99 && p99 <= max + 0.01, $"p50 {p50}, p95 {p95}, p99 {p99}, max {max}");
    }
}
