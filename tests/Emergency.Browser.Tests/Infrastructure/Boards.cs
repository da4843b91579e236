using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Emergency.Browser.Tests.Infrastructure;

/// <summary>Opening the boards and finding their parts, as a person would see them.</summary>
public static class Boards
{
    /// <summary>Long enough for a loaded 2-core machine; every wait polls and ends as soon as its condition holds.</summary>
    public static readonly LocatorAssertionsToHaveTextOptions Text = new() { Timeout = 15_000 };

    public static readonly LocatorAssertionsToContainTextOptions Contains = new() { Timeout = 15_000 };

    public static async Task<IPage> OpenAsync(IBrowser browser, Uri baseAddress, string path, int width, int height)
    {
        var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = baseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = width, Height = height },
            Locale = "en-GB",
            TimezoneId = "Asia/Shanghai",
        });
        var page = await context.NewPageAsync();
        var errors = new List<string>();
        page.PageError += (_, message) => errors.Add(message);
        await page.GotoAsync(path);
        await SignInAsync(page, path);
        // Live updates connected: everything pushed from now on reaches the page.
        await Expect(page.Locator("#connection")).ToHaveTextAsync("connected", Text);
        Assert.True(errors.Count == 0, $"script errors on {path}: {string.Join("\n", errors)}");
        return page;
    }

    /// <summary>
    /// Signs in through the real sign-in page the board redirected to (as the demo admin), which sends the browser back
    /// to <paramref name="path"/>; the session cookie then serves every page of the context.
    /// </summary>
    public static async Task SignInAsync(IPage page, string path, string userName = "admin", string password = "demo")
    {
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/login\\?returnUrl="));
        await page.Locator("#userName").FillAsync(userName);
        await page.Locator("#password").FillAsync(password);
        await page.Locator("#sign-in").ClickAsync();
        await page.WaitForURLAsync(url => new Uri(url).PathAndQuery == path, new PageWaitForURLOptions { Timeout = 15_000 });
        await Expect(page.Locator("#session-user")).ToContainTextAsync($"Signed in as {userName}", Contains);
    }

    /// <summary>The ED board card of a patient.</summary>
    public static ILocator Card(this IPage page, string patientId) => page.Locator($"[id='patient-{patientId}']");

    public static ILocator Vital(this ILocator card, string key) => card.Locator($".ed-vital[data-vital='{key}'] .ed-vital-value");

    public static ILocator Sparkline(this ILocator card, string key) => card.Locator($".ed-spark[data-vital='{key}']");

    /// <summary>Closes the page with its context.</summary>
    public static async Task CloseWithContextAsync(this IPage page) => await page.Context.CloseAsync();
}
