using Emergency.Domain.Devices;
using Emergency.Ingest.Decoding;
using Microsoft.Extensions.Configuration;

namespace Emergency.Ingest.Security;

/// <summary>
/// <c>devices add|revoke|rotate|list</c>: manages the registry file the host reads (the host picks changes up while it
/// runs). A new or rotated secret is printed once and never stored; <c>list</c> never prints secrets.
/// Exit codes: 0 done, 1 refused (no such device, already exists, registry unreadable), 2 bad command line.
/// </summary>
public static class DevicesCommand
{
    public const string Name = "devices";

    private const int Ok = 0;
    private const int Refused = 1;
    private const int Usage = 2;

    private const string Help = """
        Manage the device registry (default {Data:Directory}/devices.json, or Security:Devices:RegistryFile).

          devices add    --id <id> --kind <ambulance|wearable> --region <region> [--certificate-thumbprint <sha256>]
                         registers a device and prints its new secret, once
          devices rotate --id <id>     gives the device a new secret (the old one stops working, a connected device is disconnected)
          devices revoke --id <id>     refuses the device from now on (a connected device is disconnected)
          devices list                 lists devices, without secrets

        Options for every command:
          --registry <file>            registry file instead of the configured one
          --mqtt-host <host>, --mqtt-port <n>   broker address printed in the example command lines
        """;

    public static bool IsInvoked(string[] args) => args.Length > 0 && args[0] == Name;

    /// <summary>Runs the command; <paramref name="args"/> starts with <c>devices</c>.</summary>
    public static int Run(string[] args, IConfiguration configuration, TextWriter output, TextWriter error, TimeProvider? time = null)
    {
        time ??= TimeProvider.System;
        if (args.Length < 2 || args[1] is "-h" or "--help" or "help")
        {
            (args.Length < 2 ? error : output).WriteLine(Help);
            return args.Length < 2 ? Usage : Ok;
        }
        if (!TryParseOptions(args[2..], out var options, out var problem))
        {
            error.WriteLine($"devices {args[1]}: {problem}");
            return Usage;
        }
        var securityOptions = configuration.GetSection(DeviceSecurityOptions.Section).Get<DeviceSecurityOptions>() ?? new DeviceSecurityOptions();
        if (options.TryGetValue("--registry", out var registryFile)) securityOptions.RegistryFile = registryFile;
        var path = DeviceRegistry.ResolvePath(configuration, securityOptions);
        try
        {
            return args[1] switch
            {
                "add" => Add(path, options, configuration, output, error, time),
                "rotate" => Rotate(path, options, configuration, output, error, time),
                "revoke" => Revoke(path, options, output, error, time),
                "list" => List(path, options, output, error),
                _ => UsageError(error, $"unknown command '{args[1]}' (add, rotate, revoke, list)"),
            };
        }
        catch (DeviceRegistryException ex)
        {
            error.WriteLine($"devices {args[1]}: {ex.Message}");
            return Refused;
        }
    }

    private static int Add(string path, Dictionary<string, string> options, IConfiguration configuration, TextWriter output, TextWriter error, TimeProvider time)
    {
        if (!Require(options, error, "add", ["--id", "--kind", "--region"], ["--certificate-thumbprint"])) return Usage;
        var id = options["--id"];
        var region = options["--region"];
        if (!DeviceIds.IsValid(id)) return UsageError(error, $"--id must be {DeviceIds.Rule} (got '{id}')");
        if (!DeviceIds.IsValid(region)) return UsageError(error, $"--region must be {DeviceIds.Rule} (got '{region}')");
        if (id == "emergency-service") return UsageError(error, "--id emergency-service is reserved for the service");
        DeviceKind kind;
        switch (options["--kind"])
        {
            case "ambulance": kind = DeviceKind.Ambulance; break;
            case "wearable": kind = DeviceKind.Wearable; break;
            default: return UsageError(error, $"--kind must be ambulance or wearable (got '{options["--kind"]}')");
        }
        string? thumbprint = null;
        if (options.TryGetValue("--certificate-thumbprint", out var given))
        {
            thumbprint = CertificateThumbprints.Normalize(given);
            if (!CertificateThumbprints.IsValid(thumbprint)) return UsageError(error, "--certificate-thumbprint must be a SHA-256 thumbprint: 64 hex digits");
        }
        var secret = DeviceSecret.Generate();
        DeviceRegistryFile.Update(path, devices =>
        {
            if (devices.Any(d => d.Id == id))
            {
                throw new DeviceRegistryException($"device {id} is already registered (use rotate for a new secret; a revoked id is not reused)");
            }
            return [.. devices, new DeviceRecord
            {
                Id = id, Kind = kind, Region = region, SecretHash = DeviceSecret.Hash(secret),
                CreatedAt = time.GetUtcNow(), CertificateThumbprint = thumbprint,
            }];
        });
        output.WriteLine($"Device {id} ({kind.ToCode()}, region {region}) added to {path}.");
        PrintCredentials(output, configuration, options, id, kind, region, secret);
        return Ok;
    }

    private static int Rotate(string path, Dictionary<string, string> options, IConfiguration configuration, TextWriter output, TextWriter error, TimeProvider time)
    {
        if (!Require(options, error, "rotate", ["--id"], [])) return Usage;
        var id = options["--id"];
        var secret = DeviceSecret.Generate();
        DeviceRecord? rotated = null;
        DeviceRegistryFile.Update(path, devices =>
        {
            var device = devices.FirstOrDefault(d => d.Id == id) ?? throw new DeviceRegistryException($"no device {id} in {path}");
            if (device.IsRevoked) throw new DeviceRegistryException($"device {id} is revoked; register a new device instead");
            rotated = device with { SecretHash = DeviceSecret.Hash(secret), RotatedAt = time.GetUtcNow() };
            return devices.Select(d => d.Id == id ? rotated : d).ToList();
        });
        output.WriteLine($"Device {id} has a new secret; the old one no longer works.");
        PrintCredentials(output, configuration, options, id, rotated!.Kind, rotated.Region, secret);
        return Ok;
    }

    private static int Revoke(string path, Dictionary<string, string> options, TextWriter output, TextWriter error, TimeProvider time)
    {
        if (!Require(options, error, "revoke", ["--id"], [])) return Usage;
        var id = options["--id"];
        var already = false;
        DeviceRegistryFile.Update(path, devices =>
        {
            var device = devices.FirstOrDefault(d => d.Id == id) ?? throw new DeviceRegistryException($"no device {id} in {path}");
            already = device.IsRevoked;
            return already ? devices : devices.Select(d => d.Id == id ? d with { RevokedAt = time.GetUtcNow() } : d).ToList();
        });
        output.WriteLine(already ? $"Device {id} was already revoked." : $"Device {id} revoked: refused from now on, disconnected if connected.");
        return Ok;
    }

    private static int List(string path, Dictionary<string, string> options, TextWriter output, TextWriter error)
    {
        if (!Require(options, error, "list", [], [])) return Usage;
        var devices = DeviceRegistryFile.Load(path);
        output.WriteLine($"{devices.Count} devices in {path}");
        output.WriteLine($"{"id",-24} {"kind",-10} {"region",-10} {"created",-20} {"status",-28} certificate");
        foreach (var d in devices.OrderBy(d => d.Id, StringComparer.Ordinal))
        {
            var status = d.RevokedAt is { } revoked ? $"revoked {revoked:yyyy-MM-dd HH:mm}" : d.RotatedAt is { } rotated ? $"active, rotated {rotated:yyyy-MM-dd}" : "active";
            output.WriteLine($"{d.Id,-24} {d.Kind.ToCode(),-10} {d.Region,-10} {d.CreatedAt,-20:yyyy-MM-dd HH:mm} {status,-28} {(d.CertificateThumbprint is { } t ? t[..16] + "…" : "-")}");
        }
        return Ok;
    }

    private static void PrintCredentials(TextWriter output, IConfiguration configuration, Dictionary<string, string> options,
        string id, DeviceKind kind, string region, string secret)
    {
        var host = options.GetValueOrDefault("--mqtt-host") ?? configuration["Mqtt:Host"] ?? "127.0.0.1";
        var port = options.GetValueOrDefault("--mqtt-port") ?? configuration["Mqtt:Port"] ?? "1883";
        output.WriteLine();
        output.WriteLine($"  client id / username: {id}");
        output.WriteLine($"  password:             {secret}");
        output.WriteLine();
        output.WriteLine("The password is shown only now: the registry keeps only its hash. Store it in the device.");
        output.WriteLine();
        output.WriteLine("Try it:");
        output.WriteLine($"  mosquitto_pub -h {host} -p {port} -V mqttv5 -i {id} -u {id} -P '{secret}' -q 1 -t ems/{region}/{kind.ToCode()}/{id}/vitals " +
            $"-m '{{\"seq\":1,\"ts\":'$(date +%s%3N)',\"patientId\":\"P-{id}\",\"hr\":80,\"spo2\":97}}'");
        output.WriteLine($"  echo '{id} {secret}' >> device-credentials.txt");
        output.WriteLine($"  dotnet run --project device-sim/Emergency.DeviceSim -- --host {host} --port {port} --region {region} --credentials device-credentials.txt " +
            (kind == DeviceKind.Ambulance ? "--ambulances 1 --wearables 0" : "--ambulances 0 --wearables 1") +
            "   (the simulator names its devices AMB-01…, W-0001…: register those ids to drive them)");
    }

    private static bool TryParseOptions(string[] args, out Dictionary<string, string> options, out string? problem)
    {
        options = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Length; i++)
        {
            var arg = args[i];
            if (!arg.StartsWith("--", StringComparison.Ordinal) || arg.Length == 2)
            {
                problem = $"unexpected argument '{arg}'";
                return false;
            }
            string name, value;
            var equals = arg.IndexOf('=');
            if (equals > 0)
            {
                (name, value) = (arg[..equals], arg[(equals + 1)..]);
            }
            else if (i + 1 < args.Length && !args[i + 1].StartsWith("--", StringComparison.Ordinal))
            {
                (name, value) = (arg, args[++i]);
            }
            else
            {
                problem = $"{arg} needs a value";
                return false;
            }
            if (!options.TryAdd(name, value))
            {
                problem = $"{name} given twice";
                return false;
            }
        }
        problem = null;
        return true;
    }

    private static readonly string[] CommonOptions = ["--registry", "--mqtt-host", "--mqtt-port"];

    private static bool Require(Dictionary<string, string> options, TextWriter error, string command, string[] required, string[] optional)
    {
        foreach (var name in required)
        {
            if (!options.TryGetValue(name, out var value) || value.Length == 0)
            {
                error.WriteLine($"devices {command}: {name} is required");
                return false;
            }
        }
        foreach (var name in options.Keys)
        {
            if (!required.Contains(name) && !optional.Contains(name) && !CommonOptions.Contains(name))
            {
                error.WriteLine($"devices {command}: unknown option {name}");
                return false;
            }
        }
        return true;
    }

    private static int UsageError(TextWriter error, string message)
    {
        error.WriteLine($"devices: {message}");
        return Usage;
    }
}
