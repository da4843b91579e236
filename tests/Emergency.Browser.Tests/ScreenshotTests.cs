using Emergency.Browser.Tests.Infrastructure;
using Emergency.EndToEnd.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Emergency.Browser.Tests;

/// <summary>
/// The README's screenshots (docs/screenshots/*.png), taken from the demo fleet and four scripted inbound patients,
/// and the boards at tablet size.
/// </summary>
[Collection(DemoHostCollection.Name)]
public sealed class ScreenshotTests(DemoHostFixture fx)
{
    private const long MaxPngBytes = 400 * 1024;

    private static string ScreenshotPath(string name) => Path.Combine(RepositoryPaths.Root, "docs", "screenshots", name);

    [Fact]
    public async Task The_three_boards_are_captured_with_realistic_data()
    {
        await fx.RefreshInboundAsync();

        var ed = await fx.OpenAsync($"/ed/{DemoHostFixture.EdHospitalId}", 1920, 1080);
        await ed.Locator("#ack-user").FillAsync("dr.chen");
        await Expect(ed.Locator("#inbound > li")).ToHaveCountAsync(fx.Inbound.Count, new() { Timeout = 15_000 });
        foreach (var (ambulance, _) in fx.Inbound)
        {
            var hr = ed.Card(ambulance.PatientId).Sparkline("hr").Locator("svg");
            await Expect(hr).ToHaveAttributeAsync("data-points", new System.Text.RegularExpressions.Regex("^[2-9][0-9]$"), new() { Timeout = 15_000 });
        }
        await Expect(ed.Locator("#alert-rows > li").First).ToBeVisibleAsync(new() { Timeout = 15_000 });
        await SaveAsync(ed, "ed-board.png");

        var region = await fx.OpenAsync("/?region=sh", 1600, 1100);
        await Expect(region.Locator("#patient-rows > *").Nth(30)).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await SaveAsync(region, "region-board.png");

        var dispatch = await fx.OpenAsync("/dispatch/sh", 1600, 1000);
        await Expect(dispatch.Locator("#map-ambulances > g")).ToHaveCountAsync(12 + fx.Inbound.Count, new() { Timeout = 30_000 });
        await dispatch.Locator("#dispatcher").FillAsync("dispatcher.wang");
        await dispatch.Locator($"[id='patient-{fx.Inbound[0].Ambulance.PatientId}']").ClickAsync();
        await Expect(dispatch.Locator("#rec-list > li").First).ToBeVisibleAsync(new() { Timeout = 15_000 });
        await SaveAsync(dispatch, "dispatch-board.png");

        foreach (var page in new[] { ed, region, dispatch }) await page.CloseWithContextAsync();
    }

    [Fact]
    public async Task At_tablet_size_the_key_parts_of_the_ed_and_dispatch_boards_are_in_view()
    {
        const int width = 1024, height = 768;
        await fx.RefreshInboundAsync();
        var ed = await fx.OpenAsync($"/ed/{DemoHostFixture.EdHospitalId}", width, height);
        await Expect(ed.Locator("#inbound > li")).ToHaveCountAsync(fx.Inbound.Count, new() { Timeout = 15_000 });
        var first = ed.Locator("#inbound > li").First;
        await AssertNoSidewaysScroll(ed);
        foreach (var part in new[]
                 {
                     ed.Locator("#hospital-name"), ed.Locator("#hospital-status"), ed.Locator("#connection"), ed.Locator("#alerts-title"),
                     first.Locator(".ed-news2-total"), first.Locator(".ed-risk"), first.Locator(".ed-pid"), first.Locator(".ed-eta-value"),
                 })
        {
            await AssertInView(part, width, height);
        }
        // The whole first card fits across; its vitals and sparklines are not clipped at the right edge.
        await AssertInView(first.Locator(".ed-vitals"), width, null);
        await AssertInView(first.Locator(".ed-sparks"), width, null);

        var dispatch = await fx.OpenAsync("/dispatch/sh", width, height);
        await Expect(dispatch.Locator("#map-hospitals > g.dx-h").First).ToBeVisibleAsync(new() { Timeout = 15_000 });
        await AssertNoSidewaysScroll(dispatch);
        await AssertInView(dispatch.Locator("#connection"), width, height);
        await AssertInView(dispatch.Locator("#map"), width, null);
        await AssertInView(dispatch.Locator("#patients"), width, null);
        await ed.CloseWithContextAsync();
        await dispatch.CloseWithContextAsync();
    }

    private static async Task SaveAsync(IPage page, string name)
    {
        var path = ScreenshotPath(name);
        // A steady picture: no focus ring on a field just filled in, alarm flashing stopped at its first frame.
        await page.EvaluateAsync("() => document.activeElement?.blur()");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, Type = ScreenshotType.Png, Animations = ScreenshotAnimations.Disabled });
        var size = new FileInfo(path).Length;
        Assert.True(size < MaxPngBytes, $"{name} is {size / 1024} KB (at most {MaxPngBytes / 1024} KB)");
    }

    private static async Task AssertNoSidewaysScroll(IPage page)
    {
        var widths = await page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]");
        var (scroll, client) = (widths[0], widths[1]);
        Assert.True(scroll <= client, $"{page.Url}: the page scrolls sideways ({scroll} px wide in {client} px)");
    }

    /// <summary>Visible and inside the viewport (across always; down only when <paramref name="height"/> is given).</summary>
    private static async Task AssertInView(ILocator part, int width, int? height)
    {
        await Expect(part).ToBeVisibleAsync();
        var box = await part.BoundingBoxAsync();
        Assert.NotNull(box);
        var where = $"{part}: x {box.X:0}–{box.X + box.Width:0}, y {box.Y:0}–{box.Y + box.Height:0}";
        Assert.True(box.X >= 0 && box.X + box.Width <= width, $"{where} is cut off across ({width} px)");
        if (height is { } h) Assert.True(box.Y >= 0 && box.Y + box.Height <= h, $"{where} is below the fold ({h} px)");
    }
}
