namespace Emergency.Ingest.ExternalBroker;

/// <summary>
/// External broker mode, keys in section <c>Mqtt</c>: with <c>Mqtt:Broker</c> set the node runs no broker of its own
/// and takes device frames from that broker's shared subscription instead (several nodes split the load).
/// </summary>
public sealed class ExternalBrokerOptions
{
    /// <summary><c>mqtt://host:port</c> of the broker (Mosquitto, EMQX); unset: the embedded broker.</summary>
    public string? Broker { get; set; }

    /// <summary>The shared subscription group: nodes in one group each get a share of the frames, each frame once.</summary>
    public string SharedGroup { get; set; } = "emergency";

    /// <summary>
    /// This node's MQTT client id. It names the node's session at the broker (frames queued for it while it is away),
    /// so it must stay the same across restarts and differ between nodes. Default: <c>emergency-{machine name}</c>.
    /// </summary>
    public string? ClientId { get; set; }

    /// <summary>Frames the broker may have in flight to this node before it waits for acknowledgements (MQTT 5 Receive Maximum).</summary>
    public int ReceiveMaximum { get; set; } = 512;

    /// <summary>How long the broker keeps this node's session and queued frames after it disconnects.</summary>
    public TimeSpan SessionExpiry { get; set; } = TimeSpan.FromDays(1);

    /// <summary>The node's own credentials at the broker (its ACL must allow reading <c>ems/#</c> and writing rejects).</summary>
    public string? Username { get; set; }

    public string? Password { get; set; }

    /// <summary>Reconnect back-off starts here and doubles (±20 % jitter) up to <see cref="ReconnectMaxDelay"/>.</summary>
    public TimeSpan ReconnectMinDelay { get; set; } = TimeSpan.FromMilliseconds(200);

    public TimeSpan ReconnectMaxDelay { get; set; } = TimeSpan.FromSeconds(10);

    public bool Enabled => !string.IsNullOrWhiteSpace(Broker);

    public string EffectiveClientId => ClientId is { Length: > 0 } id ? id : $"emergency-{Environment.MachineName}";

    /// <summary>The broker's host and port, or an error.</summary>
    public (string Host, int Port)? Endpoint(out string? error)
    {
        error = null;
        if (!Uri.TryCreate(Broker, UriKind.Absolute, out var uri) || uri.Scheme != "mqtt" || string.IsNullOrEmpty(uri.Host))
        {
            error = $"Mqtt:Broker '{Broker}' must be mqtt://host:port";
            return null;
        }
        return (uri.Host, uri.IsDefaultPort || uri.Port <= 0 ? 1883 : uri.Port);
    }
}
