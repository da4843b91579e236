using Emergency.Browser.Tests.Infrastructure;
using Emergency.EndToEnd.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Emergency.Browser.Tests;

/// <summary>What screen readers and keyboard users rely on, on the ED board.</summary>
[Collection(LiveHostCollection.Name)]
public sealed class AccessibilityTests(LiveHostFixture fx)
{
    private HostProcess Host => fx.Host;

    [Fact]
    public async Task Alerts_and_the_connection_banner_are_live_regions_and_an_alert_is_acknowledged_with_tab_and_enter()
    {
        await using var ambulance = await SimulatedAmbulance.ConnectAsync(Host, "A11Y");
        await ambulance.HoldVitalsAsync(BandVitals.Low);
        var page = await fx.OpenAsync("/ed/H-07");
        await ambulance.SendToAsync(Host, "H-07");
        await Expect(page.Card(ambulance.PatientId)).ToBeVisibleAsync(new() { Timeout = 15_000 });

        await Expect(page.Locator("#connection")).ToHaveAttributeAsync("role", "status");
        await Expect(page.Locator("#notice")).ToHaveAttributeAsync("role", "status");
        await Expect(page.Locator("#alert-announcer")).ToHaveAttributeAsync("aria-live", "assertive");
        await Expect(page.Locator("#alerts")).ToHaveAttributeAsync("role", "region");

        await ambulance.HoldVitalsAsync(BandVitals.Desaturated);
        var row = EdBoardTests.AlertRows(page, ambulance.PatientId)
            .Filter(new() { Has = page.Locator(".alert-kind", new() { HasTextString = "Single parameter" }) });
        await Expect(row).ToHaveCountAsync(1, new() { Timeout = 15_000 });
        // The new alert was spoken through the assertive live region.
        await Expect(page.Locator("#alert-announcer")).ToContainTextAsync($"patient {ambulance.PatientId}");
        var alertId = (await row.GetAttributeAsync("id"))!["alert-".Length..];

        // Keyboard only: type the name, then Tab until the alert's acknowledge button has the focus, and press Enter.
        await page.Locator("#ack-user").FocusAsync();
        await page.Keyboard.TypeAsync("nurse.kim");
        var button = row.Locator("button.ack");
        var reached = false;
        for (var i = 0; i < 30 && !reached; i++)
        {
            await page.Keyboard.PressAsync("Tab");
            reached = await button.EvaluateAsync<bool>("b => document.activeElement === b");
        }
        Assert.True(reached, "the acknowledge button was not reached with Tab");
        await Expect(button).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Enter");

        var alerts = await Eventually.Until(
            async () => Json.Parse(await Host.Http.GetStringAsync($"/api/patients/{ambulance.PatientId}/alerts")),
            a => EdBoardTests.OpenAlert(a, alertId) is { } open && open.GetProperty("state").GetString() == "acknowledged",
            TimeSpan.FromSeconds(10), $"alert {alertId} acknowledged on the server");
        Assert.Equal("nurse.kim", EdBoardTests.OpenAlert(alerts, alertId)!.Value.GetProperty("acknowledgedBy").GetString());
        await Expect(row.Locator(".alert-state-main")).ToHaveTextAsync("ACKNOWLEDGED", Boards.Text);
        await page.CloseWithContextAsync();
    }
}
