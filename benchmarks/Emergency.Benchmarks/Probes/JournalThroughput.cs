using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Globalization;
using Emergency.Journal;

namespace Emergency.Benchmarks.Probes;

/// <summary>
/// Sustained append rate of the ingest journal with fsync on, in a temporary journal: N concurrent appenders (each
/// awaiting its own ~250-byte record, as the dispatch rounds of many devices do) share fsyncs through group commit;
/// then one appender awaiting each append, the baseline without group commit. Prints records/s, MB/s, fsyncs,
/// records per fsync, fsync p50/p99 and append latency p50/p99, and the ratio.
/// </summary>
public static class JournalThroughput
{
    public static async Task<int> RunAsync(string[] args)
    {
        var appenders = int.Parse(Arg(args, "--appenders", "64"), CultureInfo.InvariantCulture);
        var seconds = double.Parse(Arg(args, "--seconds", "10"), CultureInfo.InvariantCulture);
        var recordBytes = int.Parse(Arg(args, "--record-bytes", "250"), CultureInfo.InvariantCulture);
        var windowMs = double.Parse(Arg(args, "--window-ms", "2"), CultureInfo.InvariantCulture);
        var parent = Arg(args, "--dir", Path.GetTempPath());
        var duration = TimeSpan.FromSeconds(seconds);
        var window = TimeSpan.FromMilliseconds(windowMs);

        Console.WriteLine($"journal: fsync on, {recordBytes}-byte records, {seconds} s per run after 1 s of warm-up, " +
            $"journals under {parent}, {Environment.ProcessorCount} cores, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC");
        var grouped = await Run($"{appenders} appenders, window {windowMs} ms", appenders, window, recordBytes, duration, parent);
        // Window 0: the writer takes whatever queued while the previous fsync ran (still group commit, no waiting).
        var groupedNoWindow = window > TimeSpan.Zero
            ? await Run($"{appenders} appenders, window 0", appenders, TimeSpan.Zero, recordBytes, duration, parent)
            : grouped;
        var single = await Run("1 appender, window 0 (no group commit: one fsync per record)", 1, TimeSpan.Zero, recordBytes, duration, parent);
        var singleWindow = window > TimeSpan.Zero
            ? await Run($"1 appender, window {windowMs} ms", 1, window, recordBytes, duration, parent)
            : single;
        Console.WriteLine();
        Console.WriteLine($"ratio, records/s: {appenders} appenders window {windowMs} ms / 1 appender without group commit = {grouped.RecordsPerSecond / single.RecordsPerSecond:F1}x");
        Console.WriteLine($"ratio, records/s: {appenders} appenders window 0 / 1 appender without group commit = {groupedNoWindow.RecordsPerSecond / single.RecordsPerSecond:F1}x");
        Console.WriteLine($"ratio, records/s: {appenders} appenders window {windowMs} ms / 1 appender window {windowMs} ms = {grouped.RecordsPerSecond / singleWindow.RecordsPerSecond:F1}x");
        return 0;
    }

    private sealed record Result(double RecordsPerSecond);

    private static async Task<Result> Run(string name, int appenders, TimeSpan window, int recordBytes, TimeSpan duration, string parent)
    {
        var directory = Path.Combine(parent, $"emergency-journal-bench-{Guid.NewGuid():N}");
        var fsyncMs = new List<double>();
        var collecting = false;
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == "Emergency.Journal" && instrument.Name == "emergency.journal.fsync.duration")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<double>((_, ms, _, _) =>
        {
            lock (fsyncMs)
            {
                if (collecting) fsyncMs.Add(ms);
            }
        });
        listener.Start();

        try
        {
            await using var journal = await IngestJournal.OpenAsync(new JournalOptions
            {
                Directory = directory,
                GroupCommitWindow = window,
                FsyncEnabled = true,
                RetentionCheckInterval = TimeSpan.Zero,
            });
            var record = new byte[recordBytes];
            Random.Shared.NextBytes(record);

            await Appenders(journal, appenders, record, TimeSpan.FromSeconds(1), latencies: null); // warm-up
            var before = journal.GetStats();
            lock (fsyncMs) collecting = true;
            var latencies = new List<double>[appenders];
            var watch = Stopwatch.StartNew();
            await Appenders(journal, appenders, record, duration, latencies);
            var elapsed = watch.Elapsed.TotalSeconds;
            var after = journal.GetStats();
            lock (fsyncMs) collecting = false;

            var records = after.RecordsAppended - before.RecordsAppended;
            var bytes = after.BytesAppended - before.BytesAppended;
            var fsyncs = after.Fsyncs - before.Fsyncs;
            var appendMs = latencies.SelectMany(l => l).ToList();
            List<double> syncs;
            lock (fsyncMs) syncs = [.. fsyncMs];
            Console.WriteLine();
            Console.WriteLine($"{name}:");
            Console.WriteLine($"  {records / elapsed,10:N0} records/s   {bytes / elapsed / 1e6,7:F2} MB/s payload   ({records:N0} records in {elapsed:F1} s)");
            Console.WriteLine($"  {fsyncs,10:N0} fsyncs ({fsyncs / elapsed:N0}/s), {(double)records / fsyncs:F1} records per fsync");
            Console.WriteLine($"  fsync  p50 {Percentile(syncs, 0.50),7:F2} ms   p99 {Percentile(syncs, 0.99),7:F2} ms   max {syncs.DefaultIfEmpty().Max(),7:F2} ms" +
                $"   (journal's own p99 of the last 1,024: {after.FsyncP99Ms:F2} ms)");
            Console.WriteLine($"  append p50 {Percentile(appendMs, 0.50),7:F2} ms   p99 {Percentile(appendMs, 0.99),7:F2} ms   (enqueue to durable, as a PUBACK waits)");
            return new Result(records / elapsed);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private static async Task Appenders(IngestJournal journal, int appenders, byte[] record, TimeSpan duration, List<double>[]? latencies)
    {
        var watch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, appenders).Select(i => Task.Run(async () =>
        {
            var mine = latencies is null ? null : latencies[i] = new List<double>(100_000);
            while (watch.Elapsed < duration)
            {
                var started = Stopwatch.GetTimestamp();
                await journal.AppendAsync(record);
                mine?.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
        })));
    }

    private static double Percentile(List<double> values, double p)
    {
        if (values.Count == 0) return double.NaN;
        values.Sort();
        return values[Math.Min(values.Count - 1, (int)Math.Ceiling(p * values.Count) - 1)];
    }

    private static string Arg(string[] args, string name, string fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
    }
}
