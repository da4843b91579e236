using MQTTnet;
using MQTTnet.Formatter;

namespace Emergency.EndToEnd.Tests.Security;

/// <summary>Real MQTT 5 clients with whatever credentials and TLS settings a security test needs.</summary>
public static class MqttConnect
{
    public static MqttClientOptionsBuilder Options(int port, string clientId, string? username = null, string? password = null)
    {
        var builder = new MqttClientOptionsBuilder()
            .WithTcpServer("127.0.0.1", port)
            .WithClientId(clientId)
            .WithProtocolVersion(MqttProtocolVersion.V500)
            .WithTimeout(TimeSpan.FromSeconds(10));
        return username is null ? builder : builder.WithCredentials(username, password ?? "");
    }

    /// <summary>Connects and returns the client and the CONNACK result (a refused connect does not throw).</summary>
    public static async Task<(IMqttClient Client, MqttClientConnectResult Result)> ConnectAsync(MqttClientOptions options)
    {
        var client = new MqttClientFactory().CreateMqttClient();
        var result = await client.ConnectAsync(options);
        return (client, result);
    }

    /// <summary>The CONNACK result code of one connect attempt; the client is closed afterwards.</summary>
    public static async Task<MqttClientConnectResultCode> ResultOf(MqttClientOptions options)
    {
        var (client, result) = await ConnectAsync(options);
        using (client)
        {
            if (client.IsConnected) await client.DisconnectAsync();
        }
        return result.ResultCode;
    }
}
