using System.Buffers;
using System.Buffers.Binary;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Emergency.Domain.Ecg.Wire;
using Emergency.EndToEnd.Tests.Infrastructure;
using Emergency.EndToEnd.Tests.Security;
using static Emergency.EndToEnd.Tests.Infrastructure.Json;

namespace Emergency.EndToEnd.Tests;

/// <summary>
/// The raw socket ECG gateway of a host in secure mode: a registered ambulance logs in with its registry secret
/// over a real TCP socket, streams frames, and they come back over HTTP; a wrong secret is refused and closed.
/// </summary>
public sealed class EcgGatewayEndToEndTests : IAsyncLifetime
{
    private const string Region = "gw";
    private const string Unit = "AMB-G1";
    private string _data = null!;
    private string _secret = null!;
    private int _gatewayPort;
    private HostProcess _host = null!;

    public async Task InitializeAsync()
    {
        _data = Directory.CreateTempSubdirectory("emergency-ecg-gateway-").FullName;
        _secret = await DevicesCli.AddAsync(_data, Unit, "ambulance", Region);
        await SecurityHostFixture.RunUsersCommand(Path.Combine(_data, "data"), "add", "--name", SecurityHostFixture.AdminName,
            "--role", "admin", "--password", SecurityHostFixture.Password);
        _gatewayPort = FreePorts.Take(1)[0];
        _host = await HostProcess.StartAsync(new Dictionary<string, string>
        {
            ["Security__Development"] = "false",
            ["Ecg__Gateway__Port"] = _gatewayPort.ToString(),
        }, _data);
        await _host.UseAccountAsync(SecurityHostFixture.AdminName, SecurityHostFixture.Password);
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        try { Directory.Delete(_data, recursive: true); } catch (IOException) { }
    }

    [Fact]
    public async Task A_registered_ambulance_streams_frames_over_the_socket_and_a_wrong_secret_is_refused_and_closed()
    {
        using (var intruder = await Connect())
        {
            await Send(intruder, Hello(Unit, "wrong"));
            var refused = await Receive(intruder);
            Assert.Equal("unknown device or wrong credentials", refused.GetProperty("reason").GetString());
            Assert.True(refused.GetProperty("close").GetBoolean());
            Assert.Equal(0, await intruder.GetStream().ReadAsync(new byte[1])); // closed by the gateway
        }

        var patient = $"P-{Guid.NewGuid():N}"[..12];
        await using (var mqtt = await TestDevice.ConnectAsync(_host.MqttPort, Unit, password: _secret))
        {
            var status = await mqtt.PublishAsync($"ems/{Region}/ambulance/{Unit}/status",
                $$"""{"seq":1,"ts":{{DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()}},"status":"transporting","patientId":"{{patient}}"}""");
            Assert.True(status.IsSuccess, status.ReasonString);
        }

        using var monitor = await Connect();
        await Send(monitor, Hello(Unit, _secret));
        Assert.True((await Receive(monitor)).GetProperty("ok").GetBoolean());
        var start = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() - 3_000;
        // Three frames in one write: the gateway splits them by their length prefixes.
        byte[] burst = [.. Prefixed(Frame(1, start)), .. Prefixed(Frame(2, start + 250)), .. Prefixed(Frame(3, start + 500))];
        await monitor.GetStream().WriteAsync(burst);
        foreach (var seq in new[] { 1, 2, 3 })
        {
            Assert.Equal(seq, (await Receive(monitor)).GetProperty("ack").GetInt64());
        }
        var bad = Frame(4, start + 750);
        bad[^2] ^= 0x10;
        await Send(monitor, bad);
        var refusal = await Receive(monitor);
        Assert.StartsWith("ecg_bad_crc", refusal.GetProperty("reason").GetString());
        Assert.False(refusal.GetProperty("close").GetBoolean());
        await Send(monitor, Frame(5, start + 1000));
        Assert.Equal(5, (await Receive(monitor)).GetProperty("ack").GetInt64());

        var body = Parse(await _host.Http.GetStringAsync($"/api/patients/{patient}/ecg?from={start}&to={start + 1250}&leads=V1"));
        Assert.Equal([1u, 2u, 3u, 5u], body.GetProperty("blocks").EnumerateArray().Select(b => b.GetProperty("seq").GetUInt32()));
        Assert.Equal(4u, Assert.Single(body.GetProperty("gaps").EnumerateArray()).GetProperty("afterSeq").GetUInt32() + 1);
    }

    private static byte[] Frame(uint seq, long start) =>
        EcgFrameEncoder.Encode(seq, start, 500, 2.5f, EcgLeads.Standard12,
            [.. Enumerable.Range(0, 12).Select(l => Enumerable.Range(0, 125).Select(i => (short)(l + i)).ToArray())]);

    private static byte[] Hello(string id, string secret) =>
        Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new { deviceId = id, secret }));

    private static byte[] Prefixed(byte[] message)
    {
        var bytes = new byte[4 + message.Length];
        BinaryPrimitives.WriteUInt32LittleEndian(bytes, (uint)message.Length);
        message.CopyTo(bytes, 4);
        return bytes;
    }

    private async Task<TcpClient> Connect()
    {
        var client = new TcpClient();
        await client.ConnectAsync("127.0.0.1", _gatewayPort);
        return client;
    }

    private static async Task Send(TcpClient client, byte[] message) => await client.GetStream().WriteAsync(Prefixed(message));

    private static async Task<JsonElement> Receive(TcpClient client)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        var prefix = new byte[4];
        await client.GetStream().ReadExactlyAsync(prefix, timeout.Token);
        var body = new byte[BinaryPrimitives.ReadUInt32LittleEndian(prefix)];
        await client.GetStream().ReadExactlyAsync(body, timeout.Token);
        return JsonDocument.Parse(body).RootElement.Clone();
    }
}
