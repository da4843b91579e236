namespace Emergency.Ingest.Ecg;

/// <summary>Configuration section <c>Ecg</c> (environment: <c>Ecg__RetentionHours</c>, <c>Ecg__Gateway__Port</c>, …).</summary>
public sealed class EcgOptions
{
    public const string Section = "Ecg";

    /// <summary>How long blocks stay in the per-patient store (<c>{data}/ecg.db</c>) before they are deleted.</summary>
    public double RetentionHours { get; set; } = 24;

    /// <summary>The store file; default <c>{Data:Directory}/ecg.db</c>.</summary>
    public string? File { get; set; }

    /// <summary>Seconds of each patient's ECG kept in memory for the live analysis and the strip's first paint.</summary>
    public int RingSeconds { get; set; } = 60;

    /// <summary>Longest span one <c>GET /api/patients/{id}/ecg</c> may ask for.</summary>
    public TimeSpan MaxQuerySpan { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary><c>Ecg:Gateway:*</c>: the raw socket gateway for monitors that stream frames over TCP.</summary>
    public EcgGatewayOptions Gateway { get; set; } = new();
}

/// <summary>The raw TCP gateway: off unless <see cref="Port"/> is set.</summary>
public sealed class EcgGatewayOptions
{
    /// <summary>0 (the default) keeps the gateway closed.</summary>
    public int Port { get; set; }

    /// <summary>Address to listen on; default the MQTT broker's (<c>Mqtt:Host</c>).</summary>
    public string? Host { get; set; }

    /// <summary>Bytes the gateway reads ahead of the decoder per connection before it stops reading the socket.</summary>
    public long PauseWriterThreshold { get; set; } = 256 * 1024;

    /// <summary>How long a new connection has to send its hello before it is closed.</summary>
    public TimeSpan HelloTimeout { get; set; } = TimeSpan.FromSeconds(10);
}
