namespace Emergency.DeviceSim;

/// <summary>A snapshot of a running simulation. Counters are cumulative since the start.</summary>
/// <param name="Elapsed">Time since the run started.</param>
/// <param name="Devices">Simulated devices.</param>
/// <param name="Connected">Devices connected right now.</param>
/// <param name="Generated">Frames produced by the devices.</param>
/// <param name="Sent">Publish attempts (a frame replayed after a reconnect counts again).</param>
/// <param name="Acknowledged">Frames the broker acknowledged with a success reason code.</param>
/// <param name="Refused">Broker refusals (PUBACK error reason codes) plus notices on the rejects topics.</param>
/// <param name="Buffered">Frames waiting in the devices' store-and-forward buffers.</param>
/// <param name="Dropped">Frames discarded because a buffer was full.</param>
/// <param name="LastConnectError">The most recent connect failure, unless a connect has succeeded since.</param>
/// <param name="EcgSocket">The ECG frames' own counters when they travel over the raw socket gateway (<c>--ecg-transport socket</c>); otherwise null.</param>
public readonly record struct SimulationProgress(
    TimeSpan Elapsed,
    int Devices,
    int Connected,
    long Generated,
    long Sent,
    long Acknowledged,
    long Refused,
    long Buffered,
    long Dropped,
    string? LastConnectError,
    EcgSocketProgress? EcgSocket = null);
