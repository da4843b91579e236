namespace Emergency.DeviceSim.Transport;

/// <summary>How ambulances stream their ECG frames (<c>--ecg-transport</c>); vitals, positions and status always go over MQTT.</summary>
public enum EcgTransport
{
    /// <summary>On the ambulance's MQTT connection, topic <c>…/ecg</c>.</summary>
    Mqtt,

    /// <summary>On a TCP connection of its own to the service's raw ECG gateway (<c>Ecg:Gateway:Port</c>).</summary>
    Socket,
}
