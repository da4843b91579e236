namespace Emergency.DeviceSim;

/// <summary>How often one refusal reason was seen.</summary>
public sealed record RefusalCount(string Reason, long Count);

/// <summary>The outcome of a simulator run.</summary>
public sealed record SimulationSummary
{
    /// <summary>The seed used; pass it back in <see cref="SimulationOptions.Seed"/> to replay the same fleet and patients.</summary>
    public required int Seed { get; init; }

    public required int Ambulances { get; init; }

    public required int Wearables { get; init; }

    public int Devices => Ambulances + Wearables;

    public required TimeSpan Duration { get; init; }

    /// <summary>Devices that connected at least once.</summary>
    public required int DevicesConnected { get; init; }

    public bool NeverConnected => DevicesConnected == 0;

    /// <summary>Frames produced by the devices.</summary>
    public required long Generated { get; init; }

    /// <summary>Publish attempts (replays after a reconnect count again).</summary>
    public required long Sent { get; init; }

    /// <summary>Frames acknowledged by the broker with a success reason code.</summary>
    public required long Acknowledged { get; init; }

    /// <summary>Frames the broker refused with a PUBACK error reason code.</summary>
    public required long RefusedByBroker { get; init; }

    /// <summary>Refusal notices received on the rejects topics.</summary>
    public required long RejectsReceived { get; init; }

    public long Refused => RefusedByBroker + RejectsReceived;

    /// <summary>The most frequent refusal reasons, most frequent first.</summary>
    public required IReadOnlyList<RefusalCount> TopRefusalReasons { get; init; }

    /// <summary>Frames discarded because a store-and-forward buffer was full.</summary>
    public required long Dropped { get; init; }

    /// <summary>Frames still buffered when the run ended (never published).</summary>
    public required long Unsent { get; init; }

    /// <summary>Successful connects after a device's first one.</summary>
    public required long Reconnects { get; init; }

    public required long ConnectFailures { get; init; }

    public string? LastConnectError { get; init; }

    /// <summary>
    /// The ECG frames sent over the raw socket gateway (<c>--ecg-transport socket</c>), counted apart from the MQTT
    /// frames above; <see cref="EcgSocketProgress.Buffered"/> is what was still unsent at the end. Null in MQTT mode.
    /// </summary>
    public EcgSocketProgress? EcgSocket { get; init; }

    /// <summary>The most recent failed connect to the ECG gateway (a refused hello gives its reason).</summary>
    public string? EcgSocketLastConnectError { get; init; }

    /// <summary>Acknowledged frames per second over the run.</summary>
    public double AcknowledgedPerSecond => Duration > TimeSpan.Zero ? Acknowledged / Duration.TotalSeconds : 0;
}
