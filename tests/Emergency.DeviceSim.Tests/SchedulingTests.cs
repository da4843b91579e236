using Emergency.DeviceSim.Transport;

namespace Emergency.DeviceSim.Tests;

public class SchedulingTests
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    [Fact]
    public void Due_times_come_from_the_start_so_lateness_does_not_accumulate()
    {
        var start = TestSupport.T0;
        var schedule = new TickSchedule(start, Interval);
        var random = new Random(1);
        for (var n = 0; n < 10_000; n++)
        {
            Assert.Equal(start + Interval * n, schedule.NextDue);

            // Each tick runs up to 900 ms late (timer slack, GC, a busy pool); the next one is still on the grid.
            var ranAt = schedule.NextDue + TimeSpan.FromMilliseconds(random.Next(0, 900));
            schedule.Complete(ranAt);
        }

        Assert.Equal(start + Interval * 10_000, schedule.NextDue);
        Assert.Equal(0, schedule.Skipped);
    }

    [Fact]
    public void Adding_delays_would_drift_where_the_schedule_does_not()
    {
        // The naive loop: "work, then Task.Delay(interval)". 2 ms of work per tick drifts 20 s in 10,000 ticks.
        var naive = TestSupport.T0;
        var schedule = new TickSchedule(TestSupport.T0, Interval);
        for (var n = 0; n < 10_000; n++)
        {
            naive += TimeSpan.FromMilliseconds(2) + Interval;
            schedule.Complete(schedule.NextDue + TimeSpan.FromMilliseconds(2));
        }

        Assert.Equal(TimeSpan.FromSeconds(20), naive - (TestSupport.T0 + Interval * 10_000));
        Assert.Equal(TestSupport.T0 + Interval * 10_000, schedule.NextDue);
    }

    [Fact]
    public void A_stall_skips_missed_slots_instead_of_bursting()
    {
        var schedule = new TickSchedule(TestSupport.T0, Interval);
        schedule.Complete(TestSupport.T0);                                  // tick 0 on time
        var next = schedule.Complete(TestSupport.T0 + TimeSpan.FromSeconds(5.3)); // tick 1 ran 4.3 s late

        Assert.Equal(TestSupport.T0 + TimeSpan.FromSeconds(6), next);         // next slot after now, still on the grid
        Assert.Equal(6, schedule.Index);
        Assert.Equal(4, schedule.Skipped);                                    // slots 2, 3, 4, 5
    }

    [Fact]
    public void Slightly_late_tick_catches_up_once_without_skipping()
    {
        var schedule = new TickSchedule(TestSupport.T0, Interval);
        var next = schedule.Complete(TestSupport.T0 + TimeSpan.FromSeconds(1.2)); // tick 0 ran 1.2 s late

        Assert.Equal(TestSupport.T0 + Interval, next);                             // slot 1 runs right away
        Assert.Equal(0, schedule.Skipped);
    }

    [Fact]
    public void Fractional_rates_stay_exact()
    {
        var interval = TimeSpan.FromSeconds(1 / 3.0);
        var schedule = new TickSchedule(TestSupport.T0, interval);
        for (var n = 0; n < 3000; n++)
        {
            schedule.Complete(schedule.NextDue);
        }

        Assert.Equal(TestSupport.T0.UtcTicks + 3000 * interval.Ticks, schedule.NextDue.UtcTicks);
        Assert.InRange((schedule.NextDue - TestSupport.T0).TotalSeconds, 999.99, 1000.01);
    }

    [Fact]
    public void Backoff_doubles_up_to_the_maximum_with_jitter_and_resets()
    {
        var backoff = new ExponentialBackoff(TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(30), new Random(3));
        var delays = Enumerable.Range(0, 12).Select(_ => backoff.Next().TotalMilliseconds).ToList();

        for (var i = 0; i < delays.Count; i++)
        {
            var ceiling = Math.Min(30_000, 500 * Math.Pow(2, i));
            Assert.InRange(delays[i], ceiling / 2, ceiling);
        }

        Assert.InRange(delays[^1], 15_000, 30_000);
        backoff.Reset();
        Assert.InRange(backoff.Next().TotalMilliseconds, 250, 500);
    }
}
