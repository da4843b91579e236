namespace Emergency.Benchmarks.Load;

/// <summary>
/// <c>load</c>: the end-to-end load harness. Runs the same publishers against each target in turn (the bare
/// brokers first, as the same run's baseline, then the service), prints a table and the service's ratios to each
/// baseline, and writes JSON and Markdown. Exit code 1 with <c>--fail-on-loss</c> when any frame was lost.
/// </summary>
public static class LoadHarness
{
    public static async Task<int> RunAsync(string[] args)
    {
        if (args.Contains("--help") || args.Contains("-h"))
        {
            Console.Out.Write(LoadOptions.Usage);
            return 0;
        }
        LoadOptions options;
        try
        {
            options = LoadOptions.Parse(args);
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException)
        {
            Console.Error.WriteLine($"error: {ex.Message}\n\n{LoadOptions.Usage}");
            return 2;
        }

        using var stop = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) => { e.Cancel = true; stop.Cancel(); };
        var results = new List<LoadResult>();
        foreach (var name in options.Targets)
        {
            ILoadTarget? target = name switch
            {
                "service" => new ServiceTarget(options.Region, options.Http, options.MqttPort, options.HostPid, options.HostEnv),
                "mqttnet-bare" => BrokerTarget.MqttNet(),
                "mosquitto" => BrokerTarget.Mosquitto(),
                _ => throw new ArgumentException($"unknown target '{name}'"),
            };
            if (target is null)
            {
                Console.Error.WriteLine($"[{name}] not installed ({BrokerTarget.MosquittoPath}): skipped");
                continue;
            }
            results.AddRange(await new LoadRun(options, target, Console.Error, !Console.IsErrorRedirected).RunAsync(stop.Token));
        }

        var command = "dotnet run -c Release --project benchmarks/Emergency.Benchmarks -- load " + string.Join(' ', args);
        var machine = LoadReport.Machine();
        Console.Out.WriteLine(LoadReport.Markdown(results, options, machine, command));
        var (json, md) = await LoadReport.WriteAsync(results, options, machine, command);
        Console.Error.WriteLine($"written: {json}, {md}");
        var lost = results.Sum(r => r.Lost);
        Console.Error.WriteLine(lost == 0 ? "frames lost: 0" : $"frames lost: {lost}");
        return options.FailOnLoss && lost > 0 ? 1 : 0;
    }
}
