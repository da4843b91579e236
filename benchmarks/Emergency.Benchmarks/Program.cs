using BenchmarkDotNet.Running;
using Emergency.Benchmarks.Probes;

// Micro-benchmarks (BenchmarkDotNet) by default; `latency` and `alert-latency` measure a running host end to end.
switch (args.FirstOrDefault())
{
    case "latency":
        return await LatencyProbe.RunAsync(args[1..]);
    case "alert-latency":
        return await AlertLatencyProbe.RunAsync(args[1..]);
}
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;
