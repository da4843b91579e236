using Emergency.DeviceSim.Wire;

namespace Emergency.DeviceSim.Transport;

/// <summary>One device's connection to the broker. Used by a single sender loop at a time.</summary>
internal interface IDeviceLink : IAsyncDisposable
{
    bool IsConnected { get; }

    /// <summary>Connects (or reconnects) and subscribes to the device's rejects topic. Failures are returned, not thrown.</summary>
    Task<ConnectOutcome> ConnectAsync(CancellationToken cancellationToken);

    /// <summary>Completes when the current connection is lost. Only signals; never reconnects.</summary>
    Task WhenDisconnected();

    /// <summary>Publishes one frame at QoS 1 and waits for the PUBACK. Throws when the connection is lost.</summary>
    Task<PublishOutcome> PublishAsync(OutboundFrame frame, CancellationToken cancellationToken);

    Task DisconnectAsync(CancellationToken cancellationToken);
}

internal readonly record struct ConnectOutcome(bool Connected, string? Error)
{
    public static ConnectOutcome Success => new(true, null);

    public static ConnectOutcome Failed(string error) => new(false, error);
}

/// <summary>The broker's answer to one publish: accepted, or refused with a reason.</summary>
internal readonly record struct PublishOutcome(bool Accepted, string? RefusalReason)
{
    public static PublishOutcome Ok => new(true, null);

    public static PublishOutcome Refused(string reason) => new(false, reason);
}

/// <summary>What a link needs to know about its device.</summary>
/// <param name="OnReject">Called with the reason of each notice received on the rejects topic.</param>
internal sealed record LinkRequest(SimulationOptions Options, string DeviceId, DeviceTopics Topics, Action<string> OnReject);
