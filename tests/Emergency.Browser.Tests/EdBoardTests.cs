using System.Text.Json;
using System.Text.RegularExpressions;
using Emergency.Browser.Tests.Infrastructure;
using Emergency.EndToEnd.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Emergency.Browser.Tests;

/// <summary>The ED board (/ed/{hospitalId}) in Chromium, fed by real MQTT frames and HTTP decisions.</summary>
[Collection(LiveHostCollection.Name)]
public sealed partial class EdBoardTests(LiveHostFixture fx)
{
    private HostProcess Host => fx.Host;

    [Fact]
    public async Task A_frame_for_an_inbound_patient_appears_on_that_patients_card_within_two_seconds()
    {
        await using var first = await SimulatedAmbulance.ConnectAsync(Host, "EDA");
        await using var second = await SimulatedAmbulance.ConnectAsync(Host, "EDA");
        await first.VitalsAsync(BandVitals.LowWithHr(72));
        await second.VitalsAsync(BandVitals.LowWithHr(66));
        var page = await fx.OpenAsync("/ed/H-02");
        await first.SendToAsync(Host, "H-02");
        await second.SendToAsync(Host, "H-02");
        var card = page.Card(first.PatientId);
        var other = page.Card(second.PatientId);
        await Expect(card.Vital("hr")).ToHaveTextAsync("72", Boards.Text);
        await Expect(other.Vital("hr")).ToHaveTextAsync("66", Boards.Text);

        await first.VitalsAsync(BandVitals.LowWithHr(87));

        await Expect(card.Vital("hr")).ToHaveTextAsync("87", new() { Timeout = 2_000 });
        await Expect(card.Locator(".ed-pid")).ToHaveTextAsync(first.PatientId);
        await Expect(other.Vital("hr")).ToHaveTextAsync("66");
        await page.CloseWithContextAsync();
    }

    /// <summary>Band, vitals landing in it, badge text, NEWS2 total, badge colour (board.css <c>--risk-*</c>).</summary>
    private static readonly (string Band, string Vitals, string Text, string Total, string Colour)[] Bands =
    [
        ("low", BandVitals.Low, "LOW", "0", "rgb(30, 123, 60)"),
        ("low-medium", BandVitals.LowMedium, "LOW-MEDIUM", "3", "rgb(242, 194, 0)"),
        ("medium", BandVitals.Medium, "MEDIUM", "5", "rgb(227, 93, 0)"),
        ("high", BandVitals.High, "HIGH", "11", "rgb(179, 0, 27)"),
    ];

    [Fact]
    public async Task The_risk_badge_text_and_colour_follow_the_news2_band()
    {
        await using var ambulance = await SimulatedAmbulance.ConnectAsync(Host, "EDB");
        await ambulance.VitalsAsync(BandVitals.Low);
        var page = await fx.OpenAsync("/ed/H-03");
        await ambulance.SendToAsync(Host, "H-03");
        var card = page.Card(ambulance.PatientId);
        var badge = card.Locator(".ed-risk");
        await Expect(card).ToBeVisibleAsync(new() { Timeout = 15_000 });

        var colours = new HashSet<string>();
        foreach (var (band, vitals, text, total, colour) in Bands)
        {
            await ambulance.HoldVitalsAsync(vitals);

            await Expect(badge).ToHaveTextAsync(text, Boards.Text);
            await Expect(card.Locator(".ed-news2-total")).ToHaveTextAsync(total);
            await Expect(card).ToHaveAttributeAsync("data-risk", band);
            await Expect(badge).ToHaveCSSAsync("background-color", colour);
            colours.Add(await badge.EvaluateAsync<string>("e => getComputedStyle(e).backgroundColor"));
        }
        Assert.Equal(4, colours.Count);
        await page.CloseWithContextAsync();
    }

    [Fact]
    public async Task A_persisting_desaturation_raises_an_alert_at_the_top_and_acknowledging_it_reaches_the_server_and_another_board()
    {
        await using var ambulance = await SimulatedAmbulance.ConnectAsync(Host, "EDC");
        await ambulance.HoldVitalsAsync(BandVitals.Low);
        var page = await fx.OpenAsync("/ed/H-04");
        var other = await fx.OpenAsync("/ed/H-04");
        await ambulance.SendToAsync(Host, "H-04");
        var card = page.Card(ambulance.PatientId);
        await Expect(card.Vital("spo2")).ToHaveTextAsync("97", Boards.Text);
        await Expect(other.Card(ambulance.PatientId)).ToBeVisibleAsync(new() { Timeout = 15_000 });
        var rows = AlertRows(page, ambulance.PatientId);

        // One low reading is a probe-off blip until it holds: shown as unconfirmed, no alert.
        await ambulance.VitalsAsync(BandVitals.Desaturated);
        await Expect(card.Vital("spo2")).ToHaveTextAsync("88", Boards.Text);
        await Expect(page.Locator("[id='patient-" + ambulance.PatientId + "'] .ed-vital[data-vital='spo2']")).ToHaveAttributeAsync("data-flag", "pending");
        await Expect(rows).ToHaveCountAsync(0);

        await ambulance.VitalsAsync(BandVitals.Desaturated);
        await ambulance.VitalsAsync(BandVitals.Desaturated);

        // SpO2 88 % scores 3 on its own (the falling-SpO2 trend rule may raise a second alert beside it).
        var row = rows.Filter(new() { Has = page.Locator(".alert-kind", new() { HasTextString = "Single parameter" }) });
        await Expect(row).ToHaveCountAsync(1, new() { Timeout = 15_000 });
        await Expect(row.Locator(".alert-state-main")).ToHaveTextAsync("RAISED");
        await Expect(row.Locator(".alert-reason")).ToContainTextAsync("SpO");
        // At the top: above the patient cards.
        var rowBox = await row.BoundingBoxAsync();
        var cardBox = await card.BoundingBoxAsync();
        Assert.True(rowBox!.Y + rowBox.Height <= cardBox!.Y, $"alert at y={rowBox.Y}, card at y={cardBox.Y}");
        var alertId = (await row.GetAttributeAsync("id"))!["alert-".Length..];

        await page.Locator("#ack-user").FillAsync("dr.chen");
        await row.Locator("button.ack").ClickAsync();

        var alerts = await Eventually.Until(() => Alerts(ambulance.PatientId),
            a => OpenAlert(a, alertId) is { } open && open.GetProperty("state").GetString() == "acknowledged",
            TimeSpan.FromSeconds(10), $"alert {alertId} acknowledged on the server");
        Assert.Equal("dr.chen", OpenAlert(alerts, alertId)!.Value.GetProperty("acknowledgedBy").GetString());
        await Expect(row.Locator(".alert-state-main")).ToHaveTextAsync("ACKNOWLEDGED", Boards.Text);
        var otherRow = other.Locator($"[id='alert-{alertId}']");
        await Expect(otherRow.Locator(".alert-state-main")).ToHaveTextAsync("ACKNOWLEDGED", Boards.Text);
        await Expect(otherRow.Locator(".alert-state-detail")).ToContainTextAsync("by dr.chen");
        await Expect(otherRow.Locator("button.ack")).ToBeHiddenAsync();
        await page.CloseWithContextAsync();
        await other.CloseWithContextAsync();
    }

    [Fact]
    public async Task A_card_whose_feed_stops_turns_grey_with_no_data_for_n_seconds_and_recovers_with_the_next_frame()
    {
        await using var ambulance = await SimulatedAmbulance.ConnectAsync(Host, "EDD");
        await ambulance.VitalsAsync(BandVitals.Low);
        var page = await fx.OpenAsync("/ed/H-05");
        await ambulance.SendToAsync(Host, "H-05");
        var card = page.Card(ambulance.PatientId);
        await ambulance.VitalsAsync(BandVitals.LowWithHr(76));
        await Expect(card.Vital("hr")).ToHaveTextAsync("76", Boards.Text);
        await Expect(card.Locator(".ed-age")).ToHaveTextAsync(LastReading(), Boards.Text);
        await Expect(card).ToHaveAttributeAsync("data-stale", "false");
        await Expect(page.Locator("#legend-stale")).ToHaveTextAsync($"Grey card: no data for over {LiveHostFixture.StaleAfter.TotalSeconds:0} s");

        // The feed stops: nothing more is published.
        await Expect(card).ToHaveAttributeAsync("data-stale", "true", new() { Timeout = 20_000 });
        var age = card.Locator(".ed-age");
        await Expect(age).ToHaveTextAsync(NoDataFor());
        var seconds = int.Parse(NoDataFor().Match(await age.InnerTextAsync()).Groups[1].Value);
        Assert.InRange(seconds, (int)LiveHostFixture.StaleAfter.TotalSeconds, 60);
        Assert.Equal("rgb(236, 239, 242)", await card.EvaluateAsync<string>("e => getComputedStyle(e).backgroundColor"));

        await ambulance.VitalsAsync(BandVitals.LowWithHr(78));
        await Expect(card).ToHaveAttributeAsync("data-stale", "false", new() { Timeout = 5_000 });
        await Expect(age).ToHaveTextAsync(LastReading());
        await page.CloseWithContextAsync();
    }

    internal static ILocator AlertRows(IPage page, string patientId) =>
        page.Locator("#alert-rows > li").Filter(new() { Has = page.Locator(".alert-patient", new() { HasTextString = $"Patient {patientId}" }) });

    private async Task<JsonElement> Alerts(string patientId) =>
        Json.Parse(await Host.Http.GetStringAsync($"/api/patients/{patientId}/alerts"));

    internal static JsonElement? OpenAlert(JsonElement alerts, string alertId) =>
        alerts.GetProperty("open").EnumerateArray().Where(a => a.GetProperty("alertId").GetString() == alertId)
            .Select(a => (JsonElement?)a).FirstOrDefault();

    [GeneratedRegex(@"^no data for (\d+) s$")]
    private static partial Regex NoDataFor();

    [GeneratedRegex(@"^last reading \d+ s ago$")]
    private static partial Regex LastReading();
}
