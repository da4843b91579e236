using System.Globalization;

namespace Emergency.Benchmarks.Load;

/// <summary>The load harness's command line (see <see cref="Usage"/>).</summary>
public sealed record LoadOptions
{
    public const string Usage = """
        load: N devices publishing vitals at QoS 1 at a total rate, against the service and the same run's bare brokers.

          --devices <n>        simulated devices, one patient each (default 10000)
          --connections <n>    MQTT connections the devices share, round robin (default 16; = devices for one each)
          --rate <n>           frames per second in total (default 5000)
          --duration <s>       measured seconds per step (default 20)
          --warmup <s>         seconds published first and not measured (grain activation; default 3)
          --inflight <n>       most unanswered publishes per connection (default 256)
          --targets <list>     service,mqttnet-bare,mosquitto (default all; mosquitto only when installed)
          --find-max           raise the rate step by step (x --step) until p99 or loss breaks; report the last good one
          --step <x>           rate factor between find-max steps (default 1.25)
          --max-steps <n>      find-max steps at most (default 10)
          --max-p99-ms <ms>    find-max: highest acceptable publish → acknowledged p99 (default 50)
          --http <url>         use a running host instead of starting one (with --mqtt-port, optionally --host-pid)
          --mqtt-port <n>      MQTT port of that host
          --host-pid <n>       its process id, for CPU, memory and GC pauses
          --host-env K=V       a setting for the started host (repeatable), e.g. Journal__GroupCommitWindow=00:00:00
          --out <dir>          where load-<time>.json and .md go (default artifacts/load)
          --fail-on-loss       exit code 1 if any frame was lost (for CI)

        Progress goes to stderr, the table to stdout.

        """;

    public int Devices { get; init; } = 10_000;
    public int Connections { get; init; } = 16;
    public double Rate { get; init; } = 5_000;
    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(20);
    public TimeSpan Warmup { get; init; } = TimeSpan.FromSeconds(3);
    public int InFlight { get; init; } = 256;
    public IReadOnlyList<string> Targets { get; init; } = ["mqttnet-bare", "mosquitto", "service"];
    public bool FindMax { get; init; }
    public double Step { get; init; } = 1.25;
    public int MaxSteps { get; init; } = 10;
    public double MaxP99Ms { get; init; } = 50;
    public Uri? Http { get; init; }
    public int MqttPort { get; init; } = 1883;
    public int? HostPid { get; init; }
    public IReadOnlyDictionary<string, string> HostEnv { get; init; } = new Dictionary<string, string>();
    public string Out { get; init; } = Path.Combine("artifacts", "load");
    public bool FailOnLoss { get; init; }
    public string Region { get; init; } = "load";

    public static LoadOptions Parse(string[] args)
    {
        var o = new LoadOptions();
        var env = new Dictionary<string, string>();
        for (var i = 0; i < args.Length; i++)
        {
            string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            switch (args[i])
            {
                case "--devices": o = o with { Devices = Int(Value()) }; break;
                case "--connections": o = o with { Connections = Int(Value()) }; break;
                case "--rate": o = o with { Rate = Number(Value()) }; break;
                case "--duration": o = o with { Duration = TimeSpan.FromSeconds(Number(Value())) }; break;
                case "--warmup": o = o with { Warmup = TimeSpan.FromSeconds(Number(Value())) }; break;
                case "--inflight": o = o with { InFlight = Int(Value()) }; break;
                case "--targets": o = o with { Targets = Value().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) }; break;
                case "--find-max": o = o with { FindMax = true }; break;
                case "--step": o = o with { Step = Number(Value()) }; break;
                case "--max-steps": o = o with { MaxSteps = Int(Value()) }; break;
                case "--max-p99-ms": o = o with { MaxP99Ms = Number(Value()) }; break;
                case "--http": o = o with { Http = new Uri(Value()) }; break;
                case "--mqtt-port": o = o with { MqttPort = Int(Value()) }; break;
                case "--host-pid": o = o with { HostPid = Int(Value()) }; break;
                case "--host-env":
                    var pair = Value().Split('=', 2);
                    if (pair.Length != 2) throw new ArgumentException("--host-env expects KEY=VALUE");
                    env[pair[0]] = pair[1];
                    break;
                case "--out": o = o with { Out = Value() }; break;
                case "--fail-on-loss": o = o with { FailOnLoss = true }; break;
                case "--region": o = o with { Region = Value() }; break;
                default: throw new ArgumentException($"unknown option '{args[i]}'");
            }
        }
        if (o.Devices < 1 || o.Connections < 1 || o.Rate <= 0 || o.InFlight < 1 || o.Step <= 1)
        {
            throw new ArgumentException("--devices, --connections, --rate, --inflight must be positive and --step above 1");
        }
        return o with { HostEnv = env, Connections = Math.Min(o.Connections, o.Devices) };
    }

    private static int Int(string s) => int.Parse(s, NumberStyles.Integer, CultureInfo.InvariantCulture);

    private static double Number(string s) => double.Parse(s, NumberStyles.Float, CultureInfo.InvariantCulture);
}
