using System.Diagnostics;
using System.Globalization;

namespace Emergency.Benchmarks.Load;

/// <summary>
/// One target under load: starts it, connects the publishers and the observer, then measures step after step
/// (one step, or rising rates for find-max), each with a warm-up, a live progress line and a drain at the end.
/// </summary>
public sealed class LoadRun(LoadOptions options, ILoadTarget target, TextWriter progress, bool interactive)
{
    private readonly List<LoadDevice> _devices = [];
    private readonly List<LoadPublisher> _publishers = [];

    public async Task<List<LoadResult>> RunAsync(CancellationToken ct)
    {
        var results = new List<LoadResult>();
        progress.WriteLine($"[{target.Name}] starting");
        await target.StartAsync(ct);
        await using var observer = target.CreateObserver();
        try
        {
            var tag = DateTime.UtcNow.ToString("HHmmss", CultureInfo.InvariantCulture);
            for (var i = 0; i < options.Devices; i++)
            {
                _devices.Add(new LoadDevice($"LD{tag}-{i:D6}", $"P-LD{tag}-{i:D6}", options.Region));
            }
            var current = new LoadCounters();
            LoadCounters Phase() => Volatile.Read(ref current);
            await observer.StartAsync(
                target.KeyedByPatient ? _devices.ToDictionary(d => d.PatientId) : _devices.ToDictionary(d => d.Topic), Phase, ct);
            for (var c = 0; c < options.Connections; c++)
            {
                var share = _devices.Where((_, i) => i % options.Connections == c).ToList();
                _publishers.Add(new LoadPublisher($"load-{tag}-{c}", share, options.InFlight));
            }
            await ConnectAll(ct);
            var activation = await Prime(ct);
            using var gc = target.Pid is { } pid && target.Name != "mosquitto" ? GcPauseWatcher.TryStart(pid) : null;

            var rate = options.Rate;
            for (var step = 0; step < (options.FindMax ? options.MaxSteps : 1) && !ct.IsCancellationRequested; step++)
            {
                var result = await Step(rate, observer, gc, c => Volatile.Write(ref current, c), Phase, ct) with { ActivationSeconds = activation };
                results.Add(result);
                progress.WriteLine(LoadReport.OneLine(result));
                if (options.FindMax && !result.Holds(options.MaxP99Ms)) break;
                rate *= options.Step;
            }
        }
        finally
        {
            foreach (var publisher in _publishers) await publisher.DisposeAsync();
            await target.DisposeAsync();
        }
        return results;
    }

    private async Task ConnectAll(CancellationToken ct)
    {
        using var gate = new SemaphoreSlim(32);
        var connected = 0;
        await Task.WhenAll(_publishers.Select(async p =>
        {
            await gate.WaitAsync(ct);
            try
            {
                await p.ConnectAsync(target.MqttPort, ct);
                if (Interlocked.Increment(ref connected) % 100 == 0) progress.Write($"\r[{target.Name}] {connected} connected ");
            }
            finally
            {
                gate.Release();
            }
        }));
        progress.WriteLine($"\r[{target.Name}] {_publishers.Count} connections for {_devices.Count} devices");
    }

    /// <summary>Every device's first frame (grain activation), timed and not measured; returns the seconds it took.</summary>
    private async Task<double> Prime(CancellationToken ct)
    {
        var counters = new LoadCounters();
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(_publishers.Select(p => p.PrimeAsync(counters, ct)));
        var seconds = clock.Elapsed.TotalSeconds;
        progress.WriteLine(FormattableString.Invariant(
            $"[{target.Name}] first frame of each of {_devices.Count:N0} devices: {seconds:0.0} s ({_devices.Count / seconds:N0}/s), acked {counters.Acked:N0}, unanswered {counters.Sent - counters.Acked:N0}"));
        return Math.Round(seconds, 2);
    }

    private async Task<LoadResult> Step(double rate, IDeliveryObserver observer, GcPauseWatcher? gc,
        Action<LoadCounters> switchTo, Func<LoadCounters> phase, CancellationToken ct)
    {
        var whole = new LoadCounters();
        var measured = new LoadCounters();
        var warm = new LoadCounters();
        switchTo(warm);
        var sampler = target.Pid is { } pid ? new ProcessSampler(pid) : null;
        var self = Process.GetCurrentProcess();
        var appliedBefore = await target.AppliedCountAsync();

        var clock = Stopwatch.StartNew();
        var until = options.Warmup + options.Duration;
        var perConnection = rate / _publishers.Count;
        var publishing = Task.WhenAll(_publishers.Select(p => Task.Run(() => p.RunAsync(perConnection, clock, until, phase, whole, ct), ct)));

        TimeSpan cpu0 = default, self0 = default;
        var measuring = false;
        var lastLine = TimeSpan.Zero;
        long lastAcked = 0;
        long? lastApplied = appliedBefore;
        while (!publishing.IsCompleted)
        {
            await Task.WhenAny(publishing, Task.Delay(1000, ct));
            if (!measuring && clock.Elapsed >= options.Warmup)
            {
                measuring = true;
                switchTo(measured);
                cpu0 = sampler?.CpuTime() ?? default;
                self0 = Now(self);
                gc?.TakeAndReset();
            }
            var applied = await target.AppliedCountAsync();
            var (rss, _) = sampler?.Memory() ?? (0, 0);
            var acked = whole.Acked;
            var elapsed = clock.Elapsed;
            var seconds = (elapsed - lastLine).TotalSeconds;
            var line = FormattableString.Invariant(
                    $"[{target.Name} {rate:0}/s] {elapsed.TotalSeconds,5:0}s {(measuring ? "measuring" : "warm-up  ")} sent {whole.Sent:N0} acked {acked:N0} ({(acked - lastAcked) / seconds:N0}/s)")
                + (applied is { } a && lastApplied is { } la ? FormattableString.Invariant($" applied {(a - la) / seconds:N0}/s") : "")
                + FormattableString.Invariant($" delivered {phase().Delivered:N0} ack p99 {phase().Ack.Summarize().P99:0.0} ms in flight {_publishers.Sum(p => p.InFlight)}")
                + (rss > 0 ? FormattableString.Invariant($" target RSS {rss / 1048576.0:N0} MB") : "");
            progress.Write(interactive ? $"\r{line}   " : line + Environment.NewLine);
            lastLine = elapsed;
            lastAcked = acked;
            lastApplied = applied;
        }
        await publishing;
        var measuredSeconds = (clock.Elapsed - options.Warmup).TotalSeconds;
        var cpu = sampler is null ? (double?)null : (sampler.CpuTime() - cpu0).TotalSeconds / measuredSeconds * 100;
        var harnessCpu = (Now(self) - self0).TotalSeconds / measuredSeconds * 100;
        var memory = sampler?.Memory();
        var pauses = gc?.TakeAndReset();
        if (interactive) progress.WriteLine();

        foreach (var publisher in _publishers) await publisher.DrainAsync(TimeSpan.FromSeconds(30));
        long Delivered() => warm.Delivered + measured.Delivered;
        await Settle(observer, whole, Delivered);
        var appliedAfter = await target.AppliedCountAsync();
        var active = _devices.Where(d => d.LastAckedTs > 0).ToList();
        var lastNotDelivered = active.Count(d => d.LastDeliveredTs < d.LastAckedTs);
        var (checks, mismatches) = await SpotCheck(active);

        var unanswered = whole.Sent - whole.Acked - whole.Refused - whole.Failed;
        long? appliedByTarget = appliedBefore is { } b && appliedAfter is { } e ? e - b : null;
        // Lost: sent but not acknowledged, acknowledged but not applied (host counters), or not received by the
        // baseline's subscriber; a coalesced push may skip frames, but each patient's last frame must be pushed.
        var lost = whole.Sent - whole.Acked
            + (appliedByTarget is { } ap ? Math.Max(0, whole.Acked - ap) : 0)
            + (observer.EveryFrame ? Math.Max(0, whole.Acked - Delivered()) : lastNotDelivered)
            + mismatches;
        return new LoadResult(target.Name, _devices.Count, _publishers.Count, rate, Math.Round(measuredSeconds, 2),
            whole.Sent, whole.Acked, whole.Refused, whole.Failed, unanswered, appliedByTarget, Delivered(), lost,
            lastNotDelivered, checks, mismatches,
            Math.Round(measured.Acked / measuredSeconds, 1),
            appliedByTarget is null ? null : Math.Round(measured.Acked / measuredSeconds, 1),
            Math.Round(measured.Delivered / measuredSeconds, 1),
            measured.Ack.Summarize(), observer.What, measured.Delivery.Summarize(),
            cpu is null ? null : Math.Round(cpu.Value, 1), memory?.Rss, memory?.Peak,
            pauses?.Count, pauses is null ? null : Math.Round(pauses.Value.MaxMs, 2), pauses is null ? null : Math.Round(pauses.Value.TotalMs, 1),
            Math.Round(harnessCpu, 1));
    }

    /// <summary>Waits for the last deliveries: every frame (subscriber) or every patient's last frame (pushes).</summary>
    private async Task Settle(IDeliveryObserver observer, LoadCounters whole, Func<long> delivered)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(15))
        {
            var done = observer.EveryFrame
                ? delivered() >= whole.Acked
                : _devices.All(d => d.LastDeliveredTs >= d.LastAckedTs);
            if (done) return;
            await Task.Delay(100);
        }
    }

    /// <summary>Asks the service for up to 50 patients' newest applied frame: it must be the last one acknowledged.</summary>
    private async Task<(int Checks, int Mismatches)> SpotCheck(List<LoadDevice> active)
    {
        if (target is not ServiceTarget service || active.Count == 0) return (0, 0);
        var sample = active.Where((_, i) => i % Math.Max(1, active.Count / 50) == 0).Take(50).ToList();
        var mismatches = 0;
        foreach (var device in sample)
        {
            if (await service.AppliedTsAsync(device.PatientId) != device.LastAckedTs) mismatches++;
        }
        return (sample.Count, mismatches);
    }

    private static TimeSpan Now(Process self)
    {
        self.Refresh();
        return self.TotalProcessorTime;
    }
}
