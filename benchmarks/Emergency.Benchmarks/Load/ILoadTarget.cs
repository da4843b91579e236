namespace Emergency.Benchmarks.Load;

/// <summary>What the publishers are pointed at: the service, or a bare broker as the same run's baseline.</summary>
public interface ILoadTarget : IAsyncDisposable
{
    /// <summary>Short name for the report: <c>service</c>, <c>mqttnet-bare</c>, <c>mosquitto</c>.</summary>
    string Name { get; }

    int MqttPort { get; }

    /// <summary>The process doing the work, for its CPU and memory (null when attached to one we cannot see).</summary>
    int? Pid { get; }

    /// <summary>True when the observer matches deliveries by patient id (pushes), false by topic (subscriber).</summary>
    bool KeyedByPatient { get; }

    Task StartAsync(CancellationToken ct);

    IDeliveryObserver CreateObserver();

    /// <summary>Frames the target itself reports applied so far (the host's ingest counters), if it reports any.</summary>
    Task<long?> AppliedCountAsync();
}
