using System.Globalization;

namespace Emergency.DeviceSim.Cli;

/// <summary>The outcome of parsing the command line: options to run with, a request for help, or an error.</summary>
internal sealed record CommandLineResult(SimulationOptions? Options, bool ShowHelp, string? Error)
{
    public static CommandLineResult Run(SimulationOptions options) => new(options, false, null);

    public static CommandLineResult Help() => new(null, true, null);

    public static CommandLineResult Fail(string error) => new(null, false, error);
}

/// <summary>Parses <c>--name value</c> and <c>--name=value</c> options into <see cref="SimulationOptions"/>.</summary>
internal static class CommandLine
{
    public const string Usage = """
        Emergency device simulator: ambulances and home wearables publishing vital signs over MQTT.

        Usage: Emergency.DeviceSim [options]

        Options:
          --host <name>            MQTT broker host (default 127.0.0.1)
          --port <n>               MQTT broker port (default 1883)
          --region <id>            region in the topics ems/{region}/... (default sh)
          --ambulances <n>         simulated ambulances AMB-01... (default 20)
          --wearables <n>          simulated home wearables W-0001... (default 200)
          --ecg <n>                the first n ambulances also stream a live 12-lead ECG (500 Hz, 4 frames/s; default 0)
          --ecg-transport <t>      how the ECG travels: mqtt (default, topic .../ecg) or socket (one TCP connection per
                                   ambulance to the service's raw ECG gateway; vitals stay on MQTT)
          --ecg-gateway <h:p>      the raw ECG gateway's host:port (the service's Ecg:Gateway:Port; host defaults to --host)
          --rate <hz>              vitals frames per second per device (default 1.0)
          --wearable-rate <hz>     vitals rate of wearables (default: --rate)
          --duration <time>        run time in seconds, or with a unit: 90s, 15m, 2h (default: until Ctrl+C)
          --seed <n>               random seed, for a reproducible fleet and patients (default: random, printed)
          --username <name>        MQTT user name
          --password <secret>      MQTT password (needs --username)
          --credentials <file>     per-device logins, one "deviceId secret" per line (as printed by the host's
                                   `devices add`): each listed device logs in as itself
          --time-scale <x>         age patients and ambulances x times faster than real time (default 1)
          --buffer <n>             frames kept per device while disconnected (default 10000)
          --buffer-policy <p>      when the buffer is full: drop-oldest (default: keep the newest readings) or drop-newest
          --max-connecting <n>     MQTT connects in progress at once (default 16)
          -h, --help               show this help

        One MQTT 5 connection per device (client id = device id), QoS 1. Progress goes to stderr,
        the summary to stdout. Exit code 0 when devices connected, 1 if none ever did, 2 for bad arguments.

        """;

    public static CommandLineResult Parse(IReadOnlyList<string> args)
    {
        var options = new SimulationOptions();
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (arg is "-h" or "--help" or "-?" or "/?")
            {
                return CommandLineResult.Help();
            }

            if (!arg.StartsWith("--", StringComparison.Ordinal) || arg.Length == 2)
            {
                return CommandLineResult.Fail($"unexpected argument '{arg}'");
            }

            var name = arg;
            string? value = null;
            var equals = arg.IndexOf('=', StringComparison.Ordinal);
            if (equals > 0)
            {
                name = arg[..equals];
                value = arg[(equals + 1)..];
            }
            else if (i + 1 < args.Count && !args[i + 1].StartsWith("--", StringComparison.Ordinal))
            {
                value = args[++i];
            }

            if (value is null)
            {
                return IsKnown(name)
                    ? CommandLineResult.Fail($"{name} needs a value")
                    : CommandLineResult.Fail($"unknown option '{name}'");
            }

            string? error;
            (options, error) = Apply(options, name, value);
            if (error is not null)
            {
                return CommandLineResult.Fail(error);
            }
        }

        var problems = options.GetErrors();
        return problems.Count > 0 ? CommandLineResult.Fail(problems[0]) : CommandLineResult.Run(options);
    }

    private static readonly string[] Known =
    [
        "--host", "--port", "--region", "--ambulances", "--wearables", "--ecg", "--ecg-transport", "--ecg-gateway", "--rate", "--wearable-rate", "--duration",
        "--seed", "--username", "--password", "--credentials", "--time-scale", "--buffer", "--buffer-policy", "--max-connecting",
    ];

    private static bool IsKnown(string name) => Known.Contains(name, StringComparer.Ordinal);

    private static (SimulationOptions Options, string? Error) Apply(SimulationOptions o, string name, string value)
    {
        switch (name)
        {
            case "--host":
                return (o with { Host = value }, null);
            case "--port":
                return Int(value, out var port) ? (o with { Port = port }, null) : (o, IntError(name, value));
            case "--region":
                return (o with { Region = value }, null);
            case "--ambulances":
                return Int(value, out var ambulances) ? (o with { Ambulances = ambulances }, null) : (o, IntError(name, value));
            case "--ecg":
                return Int(value, out var ecg) ? (o with { EcgAmbulances = ecg }, null) : (o, IntError(name, value));
            case "--ecg-transport":
                return value switch
                {
                    "mqtt" => (o with { EcgTransport = Transport.EcgTransport.Mqtt }, null),
                    "socket" => (o with { EcgTransport = Transport.EcgTransport.Socket }, null),
                    _ => (o, $"--ecg-transport expects mqtt or socket (got '{value}')"),
                };
            case "--ecg-gateway":
                return TryParseEndpoint(value, out var gatewayHost, out var gatewayPort)
                    ? (o with { EcgGatewayHost = gatewayHost, EcgGatewayPort = gatewayPort }, null)
                    : (o, $"--ecg-gateway expects host:port or a port (got '{value}')");
            case "--wearables":
                return Int(value, out var wearables) ? (o with { Wearables = wearables }, null) : (o, IntError(name, value));
            case "--rate":
                return Number(value, out var rate) ? (o with { RateHz = rate }, null) : (o, NumberError(name, value));
            case "--wearable-rate":
                return Number(value, out var wearableRate) ? (o with { WearableRateHz = wearableRate }, null) : (o, NumberError(name, value));
            case "--duration":
                return TryParseDuration(value, out var duration)
                    ? (o with { Duration = duration }, null)
                    : (o, $"--duration expects seconds or a time like 90s, 15m, 2h (got '{value}')");
            case "--seed":
                return Int(value, out var seed) ? (o with { Seed = seed }, null) : (o, IntError(name, value));
            case "--username":
                return (o with { Username = value }, null);
            case "--password":
                return (o with { Password = value }, null);
            case "--credentials":
                return DeviceCredentials.TryLoad(value, out var credentials, out var credentialsError)
                    ? (o with { Credentials = credentials }, null)
                    : (o, credentialsError);
            case "--time-scale":
                return Number(value, out var scale) ? (o with { TimeScale = scale }, null) : (o, NumberError(name, value));
            case "--buffer":
                return Int(value, out var buffer) ? (o with { BufferCapacity = buffer }, null) : (o, IntError(name, value));
            case "--buffer-policy":
                return value switch
                {
                    "drop-oldest" => (o with { BufferPolicy = Transport.BufferPolicy.DropOldest }, null),
                    "drop-newest" => (o with { BufferPolicy = Transport.BufferPolicy.DropNewest }, null),
                    _ => (o, $"--buffer-policy expects drop-oldest or drop-newest (got '{value}')"),
                };
            case "--max-connecting":
                return Int(value, out var connecting) ? (o with { MaxConcurrentConnects = connecting }, null) : (o, IntError(name, value));
            default:
                return (o, $"unknown option '{name}'");
        }
    }

    /// <summary><c>host:port</c>, <c>[v6-address]:port</c> or a bare port (host null: the MQTT host).</summary>
    public static bool TryParseEndpoint(string text, out string? host, out int port)
    {
        host = null;
        var colon = text.LastIndexOf(':');
        var portText = colon < 0 ? text : text[(colon + 1)..];
        if (colon >= 0)
        {
            host = text[..colon];
            if (host.StartsWith('[') && host.EndsWith(']'))
            {
                host = host[1..^1];
            }

            if (host.Length == 0 || host.Contains(':', StringComparison.Ordinal) && !text.StartsWith('['))
            {
                port = 0;
                return false;
            }
        }

        return int.TryParse(portText, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out port)
            && port is >= 1 and <= 65535;
    }

    /// <summary>Plain seconds (<c>90</c>, <c>2.5</c>) or a number with a unit: <c>ms</c>, <c>s</c>, <c>m</c>, <c>h</c>.</summary>
    public static bool TryParseDuration(string text, out TimeSpan duration)
    {
        duration = default;
        var (number, unit) = text switch
        {
            _ when text.EndsWith("ms", StringComparison.OrdinalIgnoreCase) => (text[..^2], 0.001),
            _ when text.EndsWith('s') || text.EndsWith('S') => (text[..^1], 1.0),
            _ when text.EndsWith('m') || text.EndsWith('M') => (text[..^1], 60.0),
            _ when text.EndsWith('h') || text.EndsWith('H') => (text[..^1], 3600.0),
            _ => (text, 1.0),
        };
        if (!Number(number, out var value) || value <= 0 || value * unit > TimeSpan.MaxValue.TotalSeconds / 2)
        {
            return false;
        }

        duration = TimeSpan.FromSeconds(value * unit);
        return true;
    }

    private static bool Int(string value, out int result) =>
        int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out result);

    private static bool Number(string value, out double result) =>
        double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out result) && double.IsFinite(result);

    private static string IntError(string name, string value) => $"{name} expects a whole number (got '{value}')";

    private static string NumberError(string name, string value) => $"{name} expects a number (got '{value}')";
}
