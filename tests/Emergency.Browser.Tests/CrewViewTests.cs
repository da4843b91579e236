using System.Net.Http.Json;
using Emergency.Browser.Tests.Infrastructure;
using Emergency.EndToEnd.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Emergency.Browser.Tests;

/// <summary>The crew view (/crew/{unitId}): the patient on board, the destination, and the ED's "seen".</summary>
[Collection(LiveHostCollection.Name)]
public sealed class CrewViewTests(LiveHostFixture fx)
{
    private HostProcess Host => fx.Host;

    [Fact]
    public async Task The_crew_view_shows_the_patient_the_destination_and_then_the_eds_seen_confirmation()
    {
        await using var unit = await SimulatedAmbulance.ConnectAsync(Host, "CREW");
        await unit.VitalsAsync(BandVitals.Medium);
        var page = await fx.OpenAsync($"/crew/{unit.UnitId}", 1280, 800);
        await Expect(page.Locator("#crew-patient")).ToContainTextAsync(unit.PatientId, new() { Timeout = 15_000 });
        await Expect(page.Locator("#crew-risk")).ToHaveAttributeAsync("data-risk", "medium");
        await Expect(page.Locator("#crew-ed-seen")).ToHaveAttributeAsync("data-seen", "none");

        await unit.SendToAsync(Host, "H-03");

        await Expect(page.Locator("#crew-destination")).ToHaveAttributeAsync("data-hospital-id", "H-03", new() { Timeout = 10_000 });
        await Expect(page.Locator("#crew-ed-seen")).ToHaveAttributeAsync("data-seen", "false", new() { Timeout = 10_000 });
        await Expect(page.Locator("#crew-ed-seen")).ToHaveTextAsync("Not yet seen by the ED");

        using var seen = await Host.Http.PostAsJsonAsync($"/api/patients/{unit.PatientId}/seen", new { by = "dr.chen" });
        Assert.True(seen.IsSuccessStatusCode, await seen.Content.ReadAsStringAsync());

        await Expect(page.Locator("#crew-ed-seen")).ToHaveAttributeAsync("data-seen", "true", new() { Timeout = 10_000 });
        await Expect(page.Locator("#crew-ed-seen")).ToContainTextAsync("ED has seen: dr.chen");
        await page.ScreenshotAsync(new() { Path = Path.Combine(RepositoryPaths.Root, "docs", "screenshots", "crew-view.png"), FullPage = true });
        await page.CloseWithContextAsync();
    }
}
