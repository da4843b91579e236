using System.Text;
using Emergency.DeviceSim.Wire;

namespace Emergency.DeviceSim;

/// <summary>Settings of one simulator run. Every property has a usable default.</summary>
public sealed record SimulationOptions
{
    /// <summary>MQTT broker host name or address.</summary>
    public string Host { get; init; } = "127.0.0.1";

    public int Port { get; init; } = 1883;

    /// <summary>Region segment of every topic (<c>ems/{region}/…</c>).</summary>
    public string Region { get; init; } = "sh";

    /// <summary>Number of ambulances (<c>AMB-01</c>…).</summary>
    public int Ambulances { get; init; } = 20;

    /// <summary>Number of home wearables (<c>W-0001</c>…).</summary>
    public int Wearables { get; init; } = 200;

    /// <summary>How many of the ambulances (AMB-01 first) also stream a live 12-lead ECG on <c>…/ecg</c> (<c>--ecg</c>).</summary>
    public int EcgAmbulances { get; init; }

    /// <summary>How the ECG frames travel (<c>--ecg-transport</c>): over MQTT, or over a TCP connection per ambulance to the raw ECG gateway.</summary>
    public Transport.EcgTransport EcgTransport { get; init; } = Transport.EcgTransport.Mqtt;

    /// <summary>Host of the raw ECG gateway (<c>--ecg-gateway host:port</c>); <see langword="null"/> means <see cref="Host"/>.</summary>
    public string? EcgGatewayHost { get; init; }

    /// <summary>Port of the raw ECG gateway (the service's <c>Ecg:Gateway:Port</c>); needed for the socket transport.</summary>
    public int? EcgGatewayPort { get; init; }

    /// <summary>Vitals frames per second per device.</summary>
    public double RateHz { get; init; } = 1.0;

    /// <summary>Vitals rate of wearables; <see langword="null"/> means <see cref="RateHz"/>.</summary>
    public double? WearableRateHz { get; init; }

    /// <summary>How long to run; <see langword="null"/> runs until the cancellation token fires.</summary>
    public TimeSpan? Duration { get; init; }

    /// <summary>Seed for every random choice (fleet, patients, routes); <see langword="null"/> picks one and reports it in the summary.</summary>
    public int? Seed { get; init; }

    /// <summary>
    /// Seq of every device's first frame. <see langword="null"/> starts from the wall clock in milliseconds, so a
    /// restarted simulator's frames are never taken for duplicates of an earlier run's by the service.
    /// </summary>
    public long? FirstSeq { get; init; }

    public string? Username { get; init; }

    public string? Password { get; init; }

    /// <summary>Per-device secrets by device id; a listed device logs in with user name = its id and its own secret.</summary>
    public IReadOnlyDictionary<string, string>? Credentials { get; init; }

    /// <summary>
    /// Simulated seconds per real second for physiology, driving and missions (1 = real time).
    /// Frame rates and timestamps stay real-time; only the patients and ambulances age faster.
    /// </summary>
    public double TimeScale { get; init; } = 1.0;

    /// <summary>Time between ambulance position fixes.</summary>
    public TimeSpan PositionInterval { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Frames kept per device while disconnected; beyond this frames are dropped (and counted) per <see cref="BufferPolicy"/>.</summary>
    public int BufferCapacity { get; init; } = 10_000;

    /// <summary>Which frames a full buffer drops: the oldest by default (see <see cref="Transport.BufferPolicy"/>).</summary>
    public Transport.BufferPolicy BufferPolicy { get; init; } = Transport.BufferPolicy.DropOldest;

    /// <summary>At most this many MQTT connects are in progress at once.</summary>
    public int MaxConcurrentConnects { get; init; } = 16;

    /// <summary>First reconnect delay; doubles per failed attempt (with jitter) up to <see cref="MaxReconnectDelay"/>.</summary>
    public TimeSpan ReconnectDelay { get; init; } = TimeSpan.FromMilliseconds(500);

    public TimeSpan MaxReconnectDelay { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>After the run ends, connected devices get this long to publish what they still hold.</summary>
    public TimeSpan DrainTimeout { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>How often progress is reported.</summary>
    public TimeSpan ProgressInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Region centre (default: Shanghai, People's Square).</summary>
    public double CentreLat { get; init; } = 31.2304;

    public double CentreLon { get; init; } = 121.4737;

    /// <summary>Ambulances operate within this distance of the centre.</summary>
    public double RegionRadiusKm { get; init; } = 12;

    /// <summary>The problems with these options, in a form fit for a user; empty when the options are valid.</summary>
    public IReadOnlyList<string> GetErrors()
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(Host))
        {
            errors.Add("host must not be empty");
        }

        if (Port is < 1 or > 65535)
        {
            errors.Add($"port must be 1–65535 (got {Port})");
        }

        if (!DeviceIds.IsValid(Region))
        {
            errors.Add($"region must be 1–64 characters of A-Z a-z 0-9 - _ . (got '{Region}')");
        }

        if (Ambulances is < 0 or > 9_999)
        {
            errors.Add($"ambulances must be 0–9999 (got {Ambulances})");
        }

        if (Wearables is < 0 or > 999_999)
        {
            errors.Add($"wearables must be 0–999999 (got {Wearables})");
        }

        if (Ambulances + Wearables == 0)
        {
            errors.Add("at least one ambulance or wearable is needed");
        }

        if (EcgGatewayPort is { } gatewayPort && gatewayPort is < 1 or > 65535)
        {
            errors.Add($"ECG gateway port must be 1–65535 (got {gatewayPort})");
        }

        if (EcgTransport == Transport.EcgTransport.Socket && EcgGatewayPort is null)
        {
            errors.Add("the socket ECG transport needs the gateway's address (--ecg-gateway host:port)");
        }

        if (EcgGatewayHost is { } gatewayHost && string.IsNullOrWhiteSpace(gatewayHost))
        {
            errors.Add("ECG gateway host must not be empty");
        }

        if (!(RateHz is > 0 and <= 100))
        {
            errors.Add($"rate must be above 0 and at most 100 Hz (got {RateHz})");
        }

        if (WearableRateHz is { } wr && !(wr is > 0 and <= 100))
        {
            errors.Add($"wearable rate must be above 0 and at most 100 Hz (got {wr})");
        }

        if (Duration is { } d && d <= TimeSpan.Zero)
        {
            errors.Add("duration must be positive");
        }

        if (Password is not null && Username is null)
        {
            errors.Add("a password needs a username");
        }

        if (!(TimeScale is > 0 and <= 3600))
        {
            errors.Add($"time scale must be above 0 and at most 3600 (got {TimeScale})");
        }

        if (PositionInterval <= TimeSpan.Zero)
        {
            errors.Add("position interval must be positive");
        }

        if (BufferCapacity < 1)
        {
            errors.Add($"buffer capacity must be at least 1 (got {BufferCapacity})");
        }

        if (MaxConcurrentConnects < 1)
        {
            errors.Add($"concurrent connects must be at least 1 (got {MaxConcurrentConnects})");
        }

        if (ReconnectDelay <= TimeSpan.Zero || MaxReconnectDelay < ReconnectDelay)
        {
            errors.Add("reconnect delays must be positive, the maximum at least the first");
        }

        if (DrainTimeout < TimeSpan.Zero || ProgressInterval <= TimeSpan.Zero)
        {
            errors.Add("drain timeout must not be negative and progress interval must be positive");
        }

        if (CentreLat is < -85 or > 85 || CentreLon is < -180 or > 180 || !(RegionRadiusKm is > 0 and <= 200))
        {
            errors.Add("region centre or radius out of range");
        }

        return errors;
    }

    /// <summary>Throws <see cref="ArgumentException"/> naming the first problem, if any.</summary>
    public void Validate()
    {
        var errors = GetErrors();
        if (errors.Count > 0)
        {
            throw new ArgumentException("Invalid simulation options: " + string.Join("; ", errors));
        }
    }

    // Keeps the password out of logs.
    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append($"Host = {Host}, Port = {Port}, Region = {Region}, Ambulances = {Ambulances}, Wearables = {Wearables}, ");
        builder.Append($"RateHz = {RateHz}, WearableRateHz = {WearableRateHz}, Duration = {Duration}, Seed = {Seed}, ");
        builder.Append($"Username = {Username}, Password = {(Password is null ? "" : "***")}, Credentials = {Credentials?.Count ?? 0} devices, TimeScale = {TimeScale}");
        return true;
    }
}
