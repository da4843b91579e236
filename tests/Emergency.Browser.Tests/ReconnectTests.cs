using Emergency.Browser.Tests.Infrastructure;
using Emergency.EndToEnd.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Emergency.Browser.Tests;

/// <summary>Tests that stop and restart their own host; nothing shared.</summary>
[CollectionDefinition(Name)]
public sealed class HostRestartCollection
{
    public const string Name = "browser: host restart";
}

/// <summary>The host's web endpoint goes away under an open ED board and a new host takes its place.</summary>
[Collection(HostRestartCollection.Name)]
public sealed class ReconnectTests
{
    [Fact]
    public async Task The_ed_board_shows_it_is_reconnecting_while_the_host_is_down_and_live_data_once_a_new_host_answers()
    {
        var dataDirectory = Directory.CreateTempSubdirectory("emergency-browser-restart-").FullName;
        var (playwright, browser) = await Chromium.LaunchAsync();
        HostProcess? first = null;
        HostProcess? second = null;
        SimulatedAmbulance? ambulance = null;
        try
        {
            first = await HostProcess.StartAsync(dataDirectory: dataDirectory);
            ambulance = await SimulatedAmbulance.ConnectAsync(first, "RC");
            await ambulance.VitalsAsync(BandVitals.LowWithHr(72));
            var page = await Boards.OpenAsync(browser, first.BaseAddress, "/ed/H-10", 1600, 1000);
            await ambulance.SendToAsync(first, "H-10");
            var card = page.Card(ambulance.PatientId);
            await Expect(card.Vital("hr")).ToHaveTextAsync("72", Boards.Text);
            await Expect(page.Locator("#notice")).ToBeHiddenAsync();

            // The host goes away (same data folder kept for the next one).
            await first.KillAndWaitAsync();

            await Expect(page.Locator("#connection")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^(reconnecting…|disconnected)$"), Boards.Text);
            await Expect(page.Locator("body")).Not.ToHaveAttributeAsync("data-connection", "connected");
            await Expect(page.Locator("#notice")).ToBeVisibleAsync();
            await Expect(page.Locator("#notice")).ToContainTextAsync("Live updates");
            // What was last known stays on the board meanwhile.
            await Expect(card.Vital("hr")).ToHaveTextAsync("72");

            second = await HostProcess.StartAsync(dataDirectory: dataDirectory, httpPort: first.HttpPort);

            // The page reconnects by itself (its retry delays reach 10 s).
            await Expect(page.Locator("#connection")).ToHaveTextAsync("connected", new() { Timeout = 45_000 });
            await Expect(page.Locator("#notice")).ToBeHiddenAsync();
            // The new host keeps no destination decisions from the old one: the unit reports again and is sent again.
            ambulance = await ambulance.ReconnectAsync(second);
            await ambulance.PositionAsync(31.21, 121.46);
            await ambulance.VitalsAsync(BandVitals.LowWithHr(66));
            await ambulance.SendToAsync(second, "H-10");
            await ambulance.VitalsAsync(BandVitals.LowWithHr(68));
            await Expect(card.Vital("hr")).ToHaveTextAsync("68", Boards.Text);
            await Expect(card).ToHaveAttributeAsync("data-stale", "false");
            await page.CloseWithContextAsync();
        }
        finally
        {
            if (ambulance is not null) await ambulance.DisposeAsync();
            if (first is not null) await first.DisposeAsync();
            if (second is not null) await second.DisposeAsync();
            await browser.DisposeAsync();
            playwright.Dispose();
            Directory.Delete(dataDirectory, recursive: true);
        }
    }
}
