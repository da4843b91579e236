using System.Runtime.InteropServices;
using Emergency.DeviceSim;
using Emergency.DeviceSim.Cli;

var parsed = CommandLine.Parse(args);
if (parsed.ShowHelp)
{
    Console.Out.Write(CommandLine.Usage);
    return 0;
}

if (parsed.Options is not { } options)
{
    Console.Error.WriteLine($"error: {parsed.Error}");
    Console.Error.WriteLine("Run with --help for the options.");
    return 2;
}

using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    stop.Cancel();
};
using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
{
    context.Cancel = true;
    stop.Cancel();
});

var progress = new ConsoleProgress(Console.Error, interactive: !Console.IsErrorRedirected);
var summary = await new Simulation().RunAsync(options, progress, stop.Token);
progress.Complete();
Console.Out.Write(SummaryFormatter.Format(summary, options));
return summary.NeverConnected ? 1 : 0;
