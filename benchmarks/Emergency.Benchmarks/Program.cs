using BenchmarkDotNet.Running;
using Emergency.Benchmarks.Probes;

// Micro-benchmarks (BenchmarkDotNet) by default; `latency` measures a running host end to end.
if (args.Length > 0 && args[0] == "latency")
{
    return await LatencyProbe.RunAsync(args[1..]);
}
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;
