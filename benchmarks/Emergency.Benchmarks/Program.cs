using BenchmarkDotNet.Running;
using Emergency.Benchmarks.Load;
using Emergency.Benchmarks.Probes;

// Micro-benchmarks (BenchmarkDotNet) by default. Macro modes: `load` is the end-to-end load harness (service against
// bare brokers in the same run), `bare-broker` the baseline broker it starts; `latency` and `alert-latency` measure a
// running host end to end (signed in as the demo admin of a --demo host; `--user`/`--password` for another account),
// `journal` the journal's sustained append rate with fsync, `history` the InfluxDB writer's rate,
// `fleet-connect` a registered fleet reconnecting at once to a host in secure mode.
switch (args.FirstOrDefault())
{
    case "load":
        return await LoadHarness.RunAsync(args[1..]);
    case "bare-broker":
        return await BareBroker.RunAsync(args[1..]);
    case "latency":
        return await LatencyProbe.RunAsync(args[1..]);
    case "alert-latency":
        return await AlertLatencyProbe.RunAsync(args[1..]);
    case "journal":
        return await JournalThroughput.RunAsync(args[1..]);
    case "history":
        return await HistoryWriteRate.RunAsync(args[1..]);
    case "fleet-connect":
        return await FleetConnectProbe.RunAsync(args[1..]);
}
// Non-zero when a benchmark failed or did not validate, so the CI smoke run (`--job Dry --inProcess`) catches rot.
var summaries = BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args).ToList();
var broken = summaries.Where(s => s.HasCriticalValidationErrors || s.Reports.Any(r => !r.Success) || s.Reports.IsEmpty).ToList();
foreach (var summary in broken)
{
    Console.Error.WriteLine($"benchmark run failed: {summary.Title}");
}
return summaries.Count == 0 || broken.Count > 0 ? 1 : 0;
