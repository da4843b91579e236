using Emergency.Browser.Tests.Infrastructure;
using Emergency.Domain.Ecg.Synthesis;
using Emergency.Domain.Ecg.Wire;
using Emergency.EndToEnd.Tests.Infrastructure;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Emergency.Browser.Tests;

/// <summary>
/// The live ECG strip on the ED card: a monitor streams a synthetic 12-lead over MQTT in real time; the card's
/// canvas draws it and keeps drawing, lead selector and ST values included; the 12-lead snapshot opens with 12
/// leads and a rhythm strip. Prints the lag from a block's last sample time to its drawing (median, p99).
/// </summary>
[Collection(LiveHostCollection.Name)]
public sealed class EcgStripTests(LiveHostFixture fx, ITestOutputHelper output)
{
    private HostProcess Host => fx.Host;

    [Fact]
    public async Task The_ed_card_draws_the_live_strip_as_the_monitor_streams_and_opens_a_12_lead_snapshot()
    {
        await using var ambulance = await SimulatedAmbulance.ConnectAsync(Host, "ECG");
        await ambulance.VitalsAsync(BandVitals.LowWithHr(75));
        var page = await fx.OpenAsync("/ed/H-07");
        await ambulance.SendToAsync(Host, "H-07");
        var card = page.Card(ambulance.PatientId);
        await Expect(card).ToBeVisibleAsync(new() { Timeout = 15_000 });

        var ecg = new SyntheticEcg(new SyntheticEcgOptions { HeartRateBpm = 75, NoiseMv = 0.02, BaselineWanderMv = 0.05 });
        using var stop = new CancellationTokenSource();
        var streaming = Task.Run(async () =>
        {
            // Real time: each 250 ms block is sent as its last sample is taken.
            var clock = System.Diagnostics.Stopwatch.StartNew();
            for (uint seq = 0; !stop.IsCancellationRequested; seq++)
            {
                var due = TimeSpan.FromMilliseconds(250 * (seq + 1));
                if (due > clock.Elapsed) await Task.Delay(due - clock.Elapsed);
                var end = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
                Assert.True(await ambulance.EcgAsync(EcgFrameEncoder.Encode(ecg.NextBlock(seq, end - 250, 125))));
            }
        });

        var canvas = card.Locator("canvas.ecg-canvas");
        await Expect(card.Locator(".ecg-strip")).ToBeVisibleAsync(new() { Timeout = 15_000 });
        await Expect(canvas).Not.ToHaveAttributeAsync("data-drawn-samples", "0", new() { Timeout = 15_000 });
        var firstSeq = int.Parse((await canvas.GetAttributeAsync("data-last-seq"))!);
        // It keeps drawing: a later block is on screen.
        await Eventually.Until(async () => int.Parse((await canvas.GetAttributeAsync("data-last-seq"))!), s => s >= firstSeq + 8,
            TimeSpan.FromSeconds(20), "later blocks drawn");
        // 6 s at 500 Hz once the strip is full
        await Eventually.Until(async () => int.Parse((await canvas.GetAttributeAsync("data-drawn-samples"))!), n => n >= 2900,
            TimeSpan.FromSeconds(20), "a full 6 s strip");
        await card.Locator("select.ecg-lead").SelectOptionAsync("V2");
        await Expect(card.Locator(".ecg-st")).ToContainTextAsync("V2", new() { Timeout = 15_000 });
        await Expect(card.Locator(".ecg-rate")).ToContainTextAsync("QRS", new() { Timeout = 15_000 });

        await card.Locator(".ecg-snapshot-button").ClickAsync();
        var sheet = page.Locator(".ecg-snapshot");
        await Expect(sheet).ToBeVisibleAsync();
        await Expect(sheet.Locator(".ecg-snapshot-grid canvas")).ToHaveCountAsync(12);
        await Expect(sheet.Locator(".ecg-rhythm canvas")).ToHaveCountAsync(1);
        Assert.NotEqual("0", await sheet.Locator(".ecg-rhythm canvas").GetAttributeAsync("data-drawn-samples"));

        // Let it run for the lag figures, then read them from the page.
        await Task.Delay(TimeSpan.FromSeconds(15));
        stop.Cancel();
        await streaming;
        var lags = (await page.EvaluateAsync<double[]>("() => window.emergencyEcg.lags.slice()")).Order().ToArray();
        Assert.NotEmpty(lags);
        output.WriteLine($"ECG sample time → drawn: n={lags.Length}, median {lags[lags.Length / 2]:0} ms, p99 {lags[(int)Math.Min(lags.Length - 1, Math.Ceiling(lags.Length * 0.99) - 1)]:0} ms");
        await page.CloseWithContextAsync();
    }
}
