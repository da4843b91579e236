using System.Text.Json;
using Emergency.DeviceSim.Transport;

namespace Emergency.DeviceSim.Tests;

[Collection(TimingCollection.Name)]
public class SimulationTests
{
    /// <summary>Fast settings: 20 Hz, quick reconnects, short drain.</summary>
    private static SimulationOptions Fast(TimeSpan? duration = null) => new()
    {
        Ambulances = 3,
        Wearables = 5,
        RateHz = 20,
        Seed = 1234,
        FirstSeq = 1,
        Duration = duration ?? TimeSpan.FromSeconds(1),
        PositionInterval = TimeSpan.FromMilliseconds(250),
        ReconnectDelay = TimeSpan.FromMilliseconds(10),
        MaxReconnectDelay = TimeSpan.FromMilliseconds(40),
        DrainTimeout = TimeSpan.FromSeconds(2),
        ProgressInterval = TimeSpan.FromMilliseconds(100),
    };

    private static Simulation With(FakeBroker broker) => new(TimeProvider.System, broker.Create);

    private static void AssertInOrderWithoutGaps(FakeBroker broker)
    {
        foreach (var device in broker.Links.Keys)
        {
            var seqs = broker.SeqsOf(device);
            Assert.Equal(Enumerable.Range(1, seqs.Count).Select(i => (long)i), seqs);
        }
    }

    [Fact]
    public async Task Without_a_first_seq_a_later_run_numbers_its_frames_above_an_earlier_one()
    {
        // The service de-duplicates by seq: a restarted simulator must not look like a replay of the last run.
        var options = Fast(TimeSpan.FromMilliseconds(300)) with { FirstSeq = null };
        var earlier = new FakeBroker();
        await With(earlier).RunAsync(options, null, CancellationToken.None);
        var later = new FakeBroker();
        await With(later).RunAsync(options, null, CancellationToken.None);

        var lastOfEarlier = earlier.Links.Keys.Max(d => earlier.SeqsOf(d).Max());
        var firstOfLater = later.Links.Keys.Min(d => later.SeqsOf(d).Min());
        Assert.True(firstOfLater > lastOfEarlier, $"later run started at {firstOfLater}, earlier ended at {lastOfEarlier}");
    }

    [Fact]
    public async Task Publishes_every_frame_in_order_over_one_link_per_device()
    {
        var broker = new FakeBroker();
        var summary = await With(broker).RunAsync(Fast(), null, CancellationToken.None);

        Assert.Equal(8, summary.Devices);
        Assert.Equal(8, summary.DevicesConnected);
        Assert.False(summary.NeverConnected);
        Assert.Equal(1234, summary.Seed);
        Assert.Equal(summary.Generated, summary.Acknowledged);
        Assert.Equal(summary.Generated, summary.Sent);
        Assert.Equal(0, summary.Unsent);
        Assert.Equal(0, summary.Dropped);
        Assert.Equal(0, summary.Refused);
        // Never ends early; how late it may end depends on the machine (drain and thread-pool delays), not on us.
        Assert.InRange(summary.Duration, TimeSpan.FromSeconds(0.9), TimeSpan.FromSeconds(10));
        Assert.Equal(["AMB-01", "AMB-02", "AMB-03", "W-0001", "W-0002", "W-0003", "W-0004", "W-0005"], broker.Links.Keys.Order());
        Assert.All(broker.Links.Values, l => Assert.True(l.Disposed));
        AssertInOrderWithoutGaps(broker);

        foreach (var p in broker.Published)
        {
            Assert.StartsWith(p.ClientId.StartsWith('W') ? $"ems/sh/wearable/{p.ClientId}/" : $"ems/sh/ambulance/{p.ClientId}/", p.Topic, StringComparison.Ordinal);
            using var json = JsonDocument.Parse(p.Payload);
            Assert.Equal(p.Seq, json.RootElement.GetProperty("seq").GetInt64());
        }

        // 20 Hz for one second, from a random offset within the first interval: never more than 21 frames. A busy
        // machine may run fewer ticks (a late tick is not made up twice), so only the ceiling is a rule.
        foreach (var wearable in broker.Links.Keys.Where(k => k.StartsWith('W')))
        {
            Assert.InRange(broker.SeqsOf(wearable).Count, 1, 21);
        }
    }

    [Fact]
    public async Task Frames_are_stored_while_disconnected_and_replayed_in_order()
    {
        var broker = new FakeBroker(online: false);
        var progress = new ProgressLog();
        // The run outlasts the connectivity script below by 2 s, so a slow machine still sees every step of it.
        var run = With(broker).RunAsync(Fast(TimeSpan.FromSeconds(3)), progress, CancellationToken.None);

        await Task.Delay(300);
        broker.Online = true;
        await Task.Delay(400);
        broker.Online = false; // connections drop mid-stream
        await Task.Delay(300);
        broker.Online = true;
        var summary = await run;

        AssertInOrderWithoutGaps(broker);
        Assert.Equal(8, summary.DevicesConnected);
        Assert.True(summary.Reconnects >= 8, $"every device reconnects ({summary.Reconnects})");
        Assert.True(summary.ConnectFailures > 0);
        Assert.Equal(0, summary.Dropped);
        Assert.Equal(0, summary.Unsent);
        Assert.Equal(summary.Generated, summary.Acknowledged);
        Assert.True(summary.Sent >= summary.Acknowledged);
        Assert.Equal(summary.Generated, broker.Published.Count);
        Assert.Equal("broker offline", summary.LastConnectError);
        Assert.Contains(progress.Reports, r => r.LastConnectError == "broker offline" && r.Buffered > 0);
        Assert.Null(progress.Reports[^1].LastConnectError); // reconnected since: the progress line shows no stale error
    }

    [Fact]
    public async Task A_full_buffer_drops_the_oldest_and_counts_them()
    {
        var broker = new FakeBroker(online: false);
        var options = Fast(TimeSpan.FromSeconds(1.4)) with { BufferCapacity = 5, Ambulances = 0 }; // wearables: a frame every tick
        var run = With(broker).RunAsync(options, null, CancellationToken.None);

        await Task.Delay(800);
        broker.Online = true;
        var summary = await run;

        Assert.True(summary.Dropped > 0);
        Assert.Equal(summary.Generated, summary.Acknowledged + summary.Dropped);
        long missing = 0;
        foreach (var device in broker.Links.Keys)
        {
            var seqs = broker.SeqsOf(device);
            Assert.Equal(seqs.Order(), seqs);                    // still in order
            Assert.Equal(seqs.Count, seqs.Distinct().Count());
            missing += seqs[^1] - seqs.Count;                    // gaps are the dropped frames (the oldest ones)
            Assert.True(seqs[0] > 1, $"{device} lost its oldest frames");
        }

        Assert.Equal(summary.Dropped, missing);
    }

    [Fact]
    public async Task Never_connecting_is_reported_and_frames_stay_buffered()
    {
        var broker = new FakeBroker(online: false) { ConnectLatency = TimeSpan.FromMilliseconds(20) };
        var options = Fast(TimeSpan.FromMilliseconds(600)) with { MaxConcurrentConnects = 2 };
        var summary = await With(broker).RunAsync(options, null, CancellationToken.None);

        Assert.True(summary.NeverConnected);
        Assert.Equal(0, summary.DevicesConnected);
        Assert.Equal(0, summary.Sent);
        Assert.True(summary.ConnectFailures > 0);
        Assert.Equal("broker offline", summary.LastConnectError);
        Assert.Equal(summary.Generated, summary.Unsent + summary.Dropped);
        Assert.Empty(broker.Published);
        Assert.InRange(broker.MaxConcurrentConnecting, 1, 2);
    }

    [Fact]
    public async Task Refusals_by_the_broker_and_on_the_rejects_topic_are_counted_with_reasons()
    {
        var broker = new FakeBroker
        {
            Decide = (_, frame) => frame.Seq % 4 == 0 ? PublishOutcome.Refused("PayloadFormatInvalid (seq gap)") : PublishOutcome.Ok,
            AfterPublish = (link, seq) =>
            {
                if (seq % 5 == 0)
                {
                    link.Reject("vitals out of range");
                }
            },
        };
        var summary = await With(broker).RunAsync(Fast(), null, CancellationToken.None);

        var refusedByBroker = broker.Published.Count(p => p.Seq % 4 == 0);
        var rejected = broker.Published.Count(p => p.Seq % 5 == 0);
        Assert.Equal(refusedByBroker, summary.RefusedByBroker);
        Assert.Equal(rejected, summary.RejectsReceived);
        Assert.Equal(refusedByBroker + rejected, summary.Refused);
        Assert.Equal(summary.Sent, summary.Acknowledged + summary.RefusedByBroker);
        Assert.Equal(
            new[] { new RefusalCount("PayloadFormatInvalid (seq gap)", refusedByBroker), new RefusalCount("vitals out of range", rejected) }.OrderByDescending(r => r.Count),
            summary.TopRefusalReasons);
    }

    [Fact]
    public async Task A_frame_that_keeps_failing_is_given_up_and_the_rest_flows()
    {
        var failures = 0;
        var broker = new FakeBroker
        {
            Decide = (device, frame) =>
            {
                if (device == "W-0001" && frame.Seq == 3)
                {
                    Interlocked.Increment(ref failures);
                    throw new InvalidOperationException("broken frame");
                }

                return PublishOutcome.Ok;
            },
        };
        var summary = await With(broker).RunAsync(Fast(), null, CancellationToken.None);

        Assert.Equal(DeviceRunner.MaxPublishAttempts, failures);
        var seqs = broker.SeqsOf("W-0001").Where(s => s != 3).ToList();
        Assert.Equal(Enumerable.Range(1, seqs.Count + 1).Where(s => s != 3).Select(s => (long)s), seqs);
        Assert.Equal(1, summary.RefusedByBroker);
        Assert.Equal("publish failed: InvalidOperationException", Assert.Single(summary.TopRefusalReasons).Reason);
    }

    [Fact]
    public async Task Cancellation_ends_the_run_with_a_summary_and_progress_is_reported()
    {
        var broker = new FakeBroker();
        var progress = new ProgressLog();
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(700));
        var summary = await With(broker).RunAsync(Fast() with { Duration = null }, progress, cts.Token);

        Assert.InRange(summary.Duration, TimeSpan.FromSeconds(0.6), TimeSpan.FromSeconds(10));
        Assert.True(summary.Acknowledged > 0);
        var reports = progress.Reports;
        Assert.True(reports.Count >= 2, $"progress every 100 ms ({reports.Count} reports)");
        Assert.All(reports, r => Assert.Equal(8, r.Devices));
        Assert.Contains(reports, r => r.Connected == 8);
        Assert.Equal(summary.Generated, reports[^1].Generated);
        Assert.Equal(summary.Acknowledged, reports[^1].Acknowledged);
        Assert.Equal(reports.Select(r => r.Sent).Order(), reports.Select(r => r.Sent));
    }

    [Fact]
    public async Task Invalid_options_are_rejected_up_front()
    {
        var broker = new FakeBroker();
        await Assert.ThrowsAsync<ArgumentException>(() => With(broker).RunAsync(new SimulationOptions { RateHz = 0 }, null, CancellationToken.None));
        Assert.Empty(broker.Links);
    }
}
