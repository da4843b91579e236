namespace Emergency.DeviceSim;

/// <summary>The ECG frames sent over the raw socket gateway, counted apart from the MQTT frames. Cumulative since the start.</summary>
/// <param name="Connected">Ambulances with an open gateway connection right now.</param>
/// <param name="Sent">Frames written to a gateway connection (a frame resent after a reconnect counts again).</param>
/// <param name="Acknowledged">Frames the gateway answered with <c>{"ack":seq}</c> (held durably by the service).</param>
/// <param name="Refused">Frames the gateway refused.</param>
/// <param name="ConnectFailures">Connects that failed, hellos the gateway refused among them.</param>
/// <param name="Reconnects">Successful connects after an ambulance's first one.</param>
/// <param name="Buffered">ECG frames waiting for a connection or an ack.</param>
/// <param name="Dropped">ECG frames discarded because a buffer was full.</param>
public sealed record EcgSocketProgress(int Connected, long Sent, long Acknowledged, long Refused, long ConnectFailures, long Reconnects, long Buffered, long Dropped);
