namespace Emergency.Ingest.Broker;

/// <summary>Where device frames come in: the embedded broker, or a subscription to an external broker.</summary>
public interface IMqttEdge
{
    /// <summary>Frames can come in (the broker listens, or the subscriber is connected and subscribed).</summary>
    bool IsRunning { get; }
}
