using Emergency.EndToEnd.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Emergency.Browser.Tests.Infrastructure;

/// <summary>One host process and one Chromium shared by the tests of a collection; every page gets its own context.</summary>
public abstract class BrowserFixture : IAsyncLifetime
{
    private IPlaywright? _playwright;

    public HostProcess Host { get; private set; } = null!;
    public IBrowser Browser { get; private set; } = null!;

    /// <summary>Host settings (environment variables) of this collection's host.</summary>
    protected abstract IDictionary<string, string> Settings { get; }

    public virtual async Task InitializeAsync()
    {
        (_playwright, Browser) = await Chromium.LaunchAsync();
        Host = await HostProcess.StartAsync(Settings);
    }

    /// <summary>A new browser context (own storage) with one page open on <paramref name="path"/> of the host.</summary>
    public Task<IPage> OpenAsync(string path, int width = 1600, int height = 1000) => Boards.OpenAsync(Browser, Host.BaseAddress, path, width, height);

    public virtual async Task DisposeAsync()
    {
        if (Host is not null) await Host.DisposeAsync();
        if (Browser is not null) await Browser.DisposeAsync();
        _playwright?.Dispose();
    }
}

/// <summary>The host with the defaults, except that cards turn grey after 5 s without data (not 30 s).</summary>
public sealed class LiveHostFixture : BrowserFixture
{
    public static readonly TimeSpan StaleAfter = TimeSpan.FromSeconds(5);

    protected override IDictionary<string, string> Settings { get; } =
        new Dictionary<string, string> { ["Boards__StaleAfter"] = StaleAfter.ToString() };
}

[CollectionDefinition(Name)]
public sealed class LiveHostCollection : ICollectionFixture<LiveHostFixture>
{
    public const string Name = "browser: live host";
}
