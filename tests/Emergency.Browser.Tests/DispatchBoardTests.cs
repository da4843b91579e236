using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Emergency.Browser.Tests.Infrastructure;
using Emergency.EndToEnd.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Emergency.Browser.Tests;

/// <summary>The dispatch board (/dispatch/{region}): the map, live capacity, and the destination decision.</summary>
[Collection(LiveHostCollection.Name)]
public sealed partial class DispatchBoardTests(LiveHostFixture fx)
{
    private HostProcess Host => fx.Host;

    [Fact]
    public async Task Hospitals_and_ambulances_are_drawn_where_their_coordinates_put_them()
    {
        var hospitals = Json.Parse(await Host.Http.GetStringAsync("/api/hospitals?region=sh")).EnumerateArray()
            .Select(h => (Id: h.GetProperty("hospitalId").GetString()!, Lat: h.GetProperty("lat").GetDouble(), Lon: h.GetProperty("lon").GetDouble()))
            .ToList();
        var west = hospitals.MinBy(h => h.Lon);
        var east = hospitals.MaxBy(h => h.Lon);
        var south = hospitals.MinBy(h => h.Lat);
        var north = hospitals.MaxBy(h => h.Lat);
        // Two units a quarter and three quarters of the way across and up the hospitals' box.
        var lat1 = south.Lat + (north.Lat - south.Lat) * 0.25;
        var lon1 = west.Lon + (east.Lon - west.Lon) * 0.25;
        var lat2 = south.Lat + (north.Lat - south.Lat) * 0.75;
        var lon2 = west.Lon + (east.Lon - west.Lon) * 0.75;
        await using var first = await SimulatedAmbulance.ConnectAsync(Host, "MAP", lat1, lon1);
        await using var second = await SimulatedAmbulance.ConnectAsync(Host, "MAP", lat2, lon2);
        var page = await fx.OpenAsync("/dispatch/sh");
        await Expect(page.Locator("#map-hospitals > g.dx-h")).ToHaveCountAsync(hospitals.Count, new() { Timeout = 15_000 });
        await Expect(page.Locator($"[id='map-ambulance-{second.UnitId}']")).ToBeVisibleAsync(new() { Timeout = 15_000 });

        var drawn = new Dictionary<string, (double X, double Y)>();
        foreach (var h in hospitals) drawn[h.Id] = await Translation(page.Locator($"[id='map-hospital-{h.Id}']"));
        // Every pair of hospitals: further east is further right, further north is higher up.
        foreach (var a in hospitals)
        {
            foreach (var b in hospitals.Where(b => b.Lon - a.Lon > 0.001))
            {
                Assert.True(drawn[b.Id].X > drawn[a.Id].X, $"{b.Id} (lon {b.Lon}) is east of {a.Id} (lon {a.Lon}) but drawn at x {drawn[b.Id].X} ≤ {drawn[a.Id].X}");
            }
            foreach (var b in hospitals.Where(b => b.Lat - a.Lat > 0.001))
            {
                Assert.True(drawn[b.Id].Y < drawn[a.Id].Y, $"{b.Id} (lat {b.Lat}) is north of {a.Id} (lat {a.Lat}) but drawn at y {drawn[b.Id].Y} ≥ {drawn[a.Id].Y}");
            }
        }
        // The map is linear in latitude and longitude: the units sit at their fractions of the hospitals' box.
        var (x1, y1) = await Translation(page.Locator($"[id='map-ambulance-{first.UnitId}']"));
        var (x2, y2) = await Translation(page.Locator($"[id='map-ambulance-{second.UnitId}']"));
        double FractionX(double x) => (x - drawn[west.Id].X) / (drawn[east.Id].X - drawn[west.Id].X);
        double FractionY(double y) => (drawn[south.Id].Y - y) / (drawn[south.Id].Y - drawn[north.Id].Y);
        Assert.InRange(FractionX(x1), 0.24, 0.26);
        Assert.InRange(FractionX(x2), 0.74, 0.76);
        Assert.InRange(FractionY(y1), 0.24, 0.26);
        Assert.InRange(FractionY(y2), 0.74, 0.76);
        await page.CloseWithContextAsync();
    }

    [Fact]
    public async Task A_capacity_report_over_http_changes_the_board_live()
    {
        var page = await fx.OpenAsync("/dispatch/sh");
        var row = page.Locator("#hospital-row-H-09");
        var before = Json.Parse(await Host.Http.GetStringAsync("/api/hospitals/H-09")).GetProperty("capacity");
        var resusTotal = before.GetProperty("resusBaysTotal").GetInt32() + 1;
        var edTotal = before.GetProperty("edBedsTotal").GetInt32() + 2;
        await Expect(row.Locator("td.dx-num").Nth(0)).ToHaveTextAsync(
            $"{before.GetProperty("resusBaysFree").GetInt32()}/{before.GetProperty("resusBaysTotal").GetInt32()}", Boards.Text);
        await Expect(row.Locator(".dx-state")).ToHaveTextAsync("open");

        using var response = await Host.Http.PutAsJsonAsync("/api/hospitals/H-09/capacity", new
        {
            capacity = new { resusBaysTotal = resusTotal, resusBaysFree = 0, edBedsTotal = edTotal, edBedsFree = 1, icuBedsFree = 0, orAvailable = false },
            status = new { state = "diversion", reason = "CT down" },
            by = "charge.nurse.zhao",
        });
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());

        await Expect(row.Locator("td.dx-num").Nth(0)).ToHaveTextAsync($"0/{resusTotal}", Boards.Text);
        await Expect(row.Locator("td.dx-num").Nth(1)).ToHaveTextAsync($"1/{edTotal}");
        await Expect(row.Locator(".dx-state")).ToHaveTextAsync("DIVERSION");
        await Expect(row).ToContainTextAsync("CT down");
        var marker = page.Locator("[id='map-hospital-H-09']");
        await Expect(marker).ToHaveAttributeAsync("data-state", "diversion");
        await Expect(marker.Locator(".dx-h-cap")).ToHaveTextAsync($"R 0/{resusTotal} · ED 1/{edTotal}");
        await Expect(marker.Locator(".dx-h-flag")).ToContainTextAsync("DIVERSION");
        await page.CloseWithContextAsync();
    }

    [Fact]
    public async Task Choosing_a_recommended_hospital_puts_the_patient_on_that_hospitals_ed_board()
    {
        await using var ambulance = await SimulatedAmbulance.ConnectAsync(Host, "DSP", 31.2304, 121.4737);
        await ambulance.VitalsAsync(BandVitals.Medium);
        var dispatch = await fx.OpenAsync("/dispatch/sh");
        await dispatch.Locator("#dispatcher").FillAsync("dispatcher.wang");

        await dispatch.Locator($"[id='patient-{ambulance.PatientId}']").ClickAsync();

        var first = dispatch.Locator("#rec-list > li").First;
        await Expect(first).ToHaveAttributeAsync("data-rank", "1", new() { Timeout = 15_000 });
        await Expect(first.Locator(".dx-reasons li").First).ToBeVisibleAsync();
        var hospitalId = (await first.GetAttributeAsync("id"))!["rec-".Length..];
        // The board ranks what the API ranks.
        using var ranked = await Host.Http.PostAsJsonAsync("/api/dispatch/recommendations", new { patientId = ambulance.PatientId });
        var answer = Json.Parse(await ranked.Content.ReadAsStringAsync());
        Assert.Equal(answer.GetProperty("hospitals")[0].GetProperty("hospitalId").GetString(), hospitalId);

        var ed = await fx.OpenAsync($"/ed/{hospitalId}");
        await Expect(ed.Card(ambulance.PatientId)).ToHaveCountAsync(0);
        await first.Locator("button.ack").ClickAsync();

        await Expect(dispatch.Locator("#destination-result")).ToContainTextAsync($"{ambulance.UnitId} → {hospitalId}", Boards.Contains);
        var card = ed.Card(ambulance.PatientId);
        await Expect(card).ToBeVisibleAsync(new() { Timeout = 15_000 });
        await Expect(card.Locator(".ed-decision")).ToContainTextAsync("Sent by dispatcher.wang");
        await Expect(card.Locator(".ed-eta-value")).ToHaveTextAsync(EtaText(), Boards.Text);
        var state = Json.Parse(await Host.Http.GetStringAsync($"/api/patients/{ambulance.PatientId}"));
        Assert.Equal(hospitalId, state.GetProperty("destination").GetProperty("hospitalId").GetString());
        Assert.Equal("dispatcher.wang", state.GetProperty("destination").GetProperty("decidedBy").GetString());
        await dispatch.CloseWithContextAsync();
        await ed.CloseWithContextAsync();
    }

    /// <summary>The <c>translate(x y)</c> of an SVG marker, in map units.</summary>
    private static async Task<(double X, double Y)> Translation(ILocator marker)
    {
        var transform = await marker.GetAttributeAsync("transform") ?? "";
        var m = TranslateRegex().Match(transform);
        Assert.True(m.Success, $"no translate in '{transform}'");
        return (double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture), double.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture));
    }

    [GeneratedRegex(@"translate\((-?[\d.]+)[ ,]+(-?[\d.]+)\)")]
    private static partial Regex TranslateRegex();

    [GeneratedRegex(@"^(\d+m \d\ds|\d+s|DUE)$")]
    private static partial Regex EtaText();
}
