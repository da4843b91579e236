using Emergency.Ingest.Security;

namespace Emergency.Ingest.Hosting;

/// <summary>Configuration section <c>Mqtt</c> (environment: <c>Mqtt__Port</c>, <c>Mqtt__Host</c>, …).</summary>
public sealed class MqttIngestOptions
{
    public const string Section = "Mqtt";

    /// <summary>Address the embedded broker listens on. Loopback by default: expose it deliberately.</summary>
    public string Host { get; set; } = "127.0.0.1";

    /// <summary>Plain MQTT port of the embedded broker.</summary>
    public int Port { get; set; } = 1883;

    /// <summary><c>Mqtt:Plain:Enabled</c>: false closes the plain port, leaving only TLS.</summary>
    public MqttPlainOptions Plain { get; set; } = new();

    /// <summary><c>Mqtt:Tls:*</c>: the encrypted endpoint (default port 8883), on when a certificate file is set.</summary>
    public MqttTlsOptions Tls { get; set; } = new();

    /// <summary>Frames larger than this are refused before parsing.</summary>
    public int MaxPayloadBytes { get; set; } = 64 * 1024;

    /// <summary>A frame stamped further than this in the future is refused (a device clock gone wrong).</summary>
    public TimeSpan MaxFutureSkew { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Frames waiting for their grain; when full, devices wait for their PUBACK (back-pressure, no drop).</summary>
    public int QueueCapacity { get; set; } = 20_000;

    /// <summary>Most frames handed to grains in one dispatch round.</summary>
    public int MaxBatch { get; set; } = 1_000;

    /// <summary>Dispatch rounds in flight at once.</summary>
    public int MaxConcurrentBatches { get; set; } = 4;

    /// <summary>
    /// Messages the broker queues for one subscriber before it overwrites the oldest (MQTTnet's default is 1,000
    /// and silent); every overwrite is counted.
    /// </summary>
    public int MaxPendingMessagesPerClient { get; set; } = 10_000;
}
