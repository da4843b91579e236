using System.Text.Json;
using System.Text.RegularExpressions;
using Emergency.Browser.Tests.Infrastructure;
using Emergency.EndToEnd.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Emergency.Browser.Tests;

/// <summary>The ED card sparklines: seeded from the history API, extended by live frames.</summary>
[Collection(LiveHostCollection.Name)]
public sealed partial class SparklineTests(LiveHostFixture fx)
{
    private HostProcess Host => fx.Host;

    [Fact]
    public async Task Sparklines_are_seeded_from_the_last_15_minutes_of_history_and_extended_by_live_frames()
    {
        await using var ambulance = await SimulatedAmbulance.ConnectAsync(Host, "SPK");
        // Six frames two minutes apart over the last quarter of an hour: six 15 s buckets in the history store.
        var now = DateTimeOffset.UtcNow;
        int[] pulses = [70, 74, 78, 82, 86, 90];
        for (var i = 0; i < pulses.Length; i++)
        {
            await ambulance.VitalsAsync(BandVitals.LowWithHr(pulses[i]), now.AddMinutes(-12 + 2 * i));
        }
        await Eventually.Until(() => HrBuckets(ambulance.PatientId), n => n == pulses.Length, TimeSpan.FromSeconds(15),
            "the frames in the history store");

        var page = await fx.OpenAsync("/ed/H-06");
        await ambulance.SendToAsync(Host, "H-06");
        var card = page.Card(ambulance.PatientId);
        var hr = card.Sparkline("hr");

        await Expect(hr.Locator("svg")).ToHaveAttributeAsync("data-points", "6", new() { Timeout = 15_000 });
        await Expect(hr.Locator("polyline")).ToHaveAttributeAsync("points", Points(6));
        await Expect(hr.Locator("figcaption")).ToHaveTextAsync("HR 90");
        await Expect(hr.Locator("svg")).ToHaveAttributeAsync("aria-label", new Regex("6 points from 70 to 90, latest 90 bpm"));
        foreach (var (key, caption) in new[] { ("spo2", "SpO₂ 97"), ("sbp", "SBP 120"), ("rr", "RR 16"), ("news2", "NEWS2 0") })
        {
            await Expect(card.Sparkline(key).Locator("figcaption")).ToHaveTextAsync(caption);
        }
        // Rising pulse: the newest point is the highest one drawn (SVG y grows downwards).
        var ys = await YCoordinates(hr);
        Assert.Equal(ys.Max(), ys[0]);
        Assert.Equal(ys.Min(), ys[^1]);

        await ambulance.VitalsAsync(BandVitals.LowWithHr(64));

        await Expect(hr.Locator("figcaption")).ToHaveTextAsync("HR 64", Boards.Text);
        await Expect(hr.Locator("svg")).ToHaveAttributeAsync("data-points", "7");
        await Expect(hr.Locator("polyline")).ToHaveAttributeAsync("points", Points(7));
        ys = await YCoordinates(hr);
        Assert.Equal(ys.Max(), ys[^1]);
        await page.CloseWithContextAsync();
    }

    private async Task<int> HrBuckets(string patientId)
    {
        var body = Json.Parse(await Host.Http.GetStringAsync($"/api/patients/{patientId}/history?step=15s"));
        return body.GetProperty("buckets").EnumerateArray().Count(b => b.GetProperty("hr").ValueKind == JsonValueKind.Object);
    }

    private static async Task<double[]> YCoordinates(Microsoft.Playwright.ILocator sparkline)
    {
        var points = await sparkline.Locator("polyline").GetAttributeAsync("points") ?? "";
        return points.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Select(p => double.Parse(p.Split(',')[1], System.Globalization.CultureInfo.InvariantCulture)).ToArray();
    }

    /// <summary>A polyline <c>points</c> attribute with exactly <paramref name="count"/> x,y pairs.</summary>
    private static Regex Points(int count) => new($"^{PointPair()}( {PointPair()}){{{count - 1}}}$");

    private static string PointPair() => PointPairRegex().ToString();

    [GeneratedRegex(@"-?\d+(\.\d+)?,-?\d+(\.\d+)?")]
    private static partial Regex PointPairRegex();
}
