using System.Reflection;
using Microsoft.Playwright;

namespace Emergency.Browser.Tests.Infrastructure;

/// <summary>
/// Debian's Chromium driven by Playwright. No browser is ever downloaded: Playwright launches /usr/bin/chromium
/// (installed by scripts/install-test-deps.sh), and its driver runs on the system node from the NuGet package
/// folder, because the project builds with PlaywrightPlatform=none (no bundled node in bin).
/// </summary>
public static class Chromium
{
    public const string ExecutablePath = "/usr/bin/chromium";
    public const string NodePath = "/usr/bin/node";

    private static readonly string[] Arguments =
    [
        "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync",
    ];

    public static async Task<(IPlaywright Playwright, IBrowser Browser)> LaunchAsync()
    {
        // A missing browser is a failure, never a skipped test.
        if (!File.Exists(ExecutablePath))
        {
            throw new InvalidOperationException(
                $"{ExecutablePath} not found: the browser tests need Debian's chromium. Run scripts/install-test-deps.sh (apt-get install chromium).");
        }
        if (!File.Exists(NodePath))
        {
            throw new InvalidOperationException($"{NodePath} not found: the Playwright driver runs on the system Node.js (apt-get install nodejs).");
        }
        UseDriverFromPackageFolder();
        var playwright = await Playwright.CreateAsync();
        try
        {
            var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = ExecutablePath,
                Headless = true,
                Args = Arguments,
            });
            return (playwright, browser);
        }
        catch
        {
            playwright.Dispose();
            throw;
        }
    }

    /// <summary>Points Playwright at the driver package in the NuGet folder and at the system node (unless set already).</summary>
    private static void UseDriverFromPackageFolder()
    {
        if (Environment.GetEnvironmentVariable("PLAYWRIGHT_DRIVER_SEARCH_PATH") is null)
        {
            var package = typeof(Chromium).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
                .FirstOrDefault(a => a.Key == "PlaywrightPackageDirectory")?.Value;
            if (string.IsNullOrEmpty(package) || !File.Exists(Path.Combine(package, ".playwright", "package", "cli.js")))
            {
                throw new InvalidOperationException(
                    $"Playwright driver not found in the NuGet package folder '{package}' (.playwright/package/cli.js): restore the solution again.");
            }
            Environment.SetEnvironmentVariable("PLAYWRIGHT_DRIVER_SEARCH_PATH", package);
        }
        if (Environment.GetEnvironmentVariable("PLAYWRIGHT_NODEJS_PATH") is null)
        {
            Environment.SetEnvironmentVariable("PLAYWRIGHT_NODEJS_PATH", NodePath);
        }
    }
}
