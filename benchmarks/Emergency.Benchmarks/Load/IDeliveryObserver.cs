namespace Emergency.Benchmarks.Load;

/// <summary>
/// The far side of a target, watched from the harness: the SignalR client of a board for the service, a plain
/// counting MQTT subscriber for a bare broker. It counts what arrives and how long after its publish.
/// </summary>
public interface IDeliveryObserver : IAsyncDisposable
{
    /// <summary>What is measured, for the report: e.g. "publish → SignalR patientUpdated".</summary>
    string What { get; }

    /// <summary>Whether every frame is expected to arrive (a subscriber), or only each patient's newest (coalesced pushes).</summary>
    bool EveryFrame { get; }

    Task StartAsync(IReadOnlyDictionary<string, LoadDevice> byKey, Func<LoadCounters> phase, CancellationToken ct);
}
