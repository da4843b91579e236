using System.Security.Cryptography.X509Certificates;
using Emergency.EndToEnd.Tests.Infrastructure;
using MQTTnet;
using MQTTnet.Protocol;
using Xunit.Abstractions;
using static Emergency.EndToEnd.Tests.Infrastructure.Json;

namespace Emergency.EndToEnd.Tests.Security;

/// <summary>
/// A host with only the TLS endpoint open and client certificates required, checked against a CA made by the test.
/// </summary>
public sealed class TlsHostFixture : IAsyncLifetime
{
    public const string CertificateDevice = "AMB-T1";
    public const string PasswordDevice = "AMB-T2";

    public HostProcess Host { get; private set; } = null!;
    public TestCertificates Certificates { get; private set; } = null!;
    public int TlsPort { get; private set; }
    public string PasswordDeviceSecret { get; private set; } = "";
    private string _directory = "";

    public async Task InitializeAsync()
    {
        _directory = Directory.CreateTempSubdirectory("emergency-tls-").FullName;
        var pki = Directory.CreateDirectory(Path.Combine(_directory, "pki")).FullName;
        Certificates = TestCertificates.Create(pki, CertificateDevice);
        var thumbprint = Certificates.Device.GetCertHashString(System.Security.Cryptography.HashAlgorithmName.SHA256);
        await DevicesCli.AddAsync(_directory, CertificateDevice, "ambulance", SecureHostFixture.Region, "--certificate-thumbprint", thumbprint);
        PasswordDeviceSecret = await DevicesCli.AddAsync(_directory, PasswordDevice, "ambulance", SecureHostFixture.Region);
        TlsPort = FreePorts.Take(1)[0];
        // An administrator to read patient state through the API (secure mode has no demo users).
        await SecurityHostFixture.RunUsersCommand(Path.Combine(_directory, "data"), "add", "--name", SecurityHostFixture.AdminName,
            "--role", "admin", "--password", SecurityHostFixture.Password);
        Host = await HostProcess.StartAsync(new Dictionary<string, string>
        {
            ["Security__Development"] = "false",
            ["Mqtt__Plain__Enabled"] = "false",
            ["Mqtt__Tls__Port"] = TlsPort.ToString(),
            ["Mqtt__Tls__CertificateFile"] = Certificates.ServerPfxFile,
            ["Mqtt__Tls__CertificatePassword"] = TestCertificates.ServerPfxPassword,
            ["Mqtt__Tls__ClientCertificates"] = "Required",
            ["Mqtt__Tls__ClientCaFile"] = Certificates.CaPemFile,
        }, _directory);
        await Host.UseAccountAsync(SecurityHostFixture.AdminName, SecurityHostFixture.Password);
    }

    public async Task DisposeAsync()
    {
        await Host.DisposeAsync();
        Certificates.Dispose();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // best effort
        }
    }
}

[CollectionDefinition(Name)]
public sealed class TlsHostCollection : ICollectionFixture<TlsHostFixture>
{
    public const string Name = "device security: TLS host";
}

[Collection(TlsHostCollection.Name)]
public sealed class MqttTlsTests(TlsHostFixture fx, ITestOutputHelper output)
{
    private HostProcess Host => fx.Host;

    private MqttClientOptionsBuilder TlsOptions(string clientId, bool trustCa, X509Certificate2? clientCertificate, string? password = null) =>
        MqttConnect.Options(fx.TlsPort, clientId, password is null ? null : clientId, password)
            .WithTlsOptions(o =>
            {
                o.UseTls().WithTargetHost("127.0.0.1");
                if (trustCa) o.WithCertificateValidationHandler(e => fx.Certificates.TrustsServer(e.Certificate));
                if (clientCertificate is not null) o.WithClientCertificates([clientCertificate]);
            });

    [Fact]
    public async Task Device_trusting_the_CA_with_its_registered_certificate_connects_without_a_password_and_publishes()
    {
        var (client, result) = await MqttConnect.ConnectAsync(TlsOptions(TlsHostFixture.CertificateDevice, trustCa: true, fx.Certificates.Device).Build());
        using (client)
        {
            Assert.True(result.ResultCode == MqttClientConnectResultCode.Success, $"{result.ResultCode}\n{Host.Output}");
            var patientId = $"P-{Guid.NewGuid():N}"[..16];
            var ack = await client.PublishAsync(new MqttApplicationMessageBuilder()
                .WithTopic($"ems/{SecureHostFixture.Region}/ambulance/{TlsHostFixture.CertificateDevice}/vitals")
                .WithPayload(VitalsFrame(patientId, 1, DateTimeOffset.UtcNow, ExampleVitals))
                .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build());
            Assert.Equal(MqttClientPublishReasonCode.Success, ack.ReasonCode);
            var state = Parse(await Host.Http.GetStringAsync($"/api/patients/{patientId}"));
            Assert.Equal(TlsHostFixture.CertificateDevice, state.GetProperty("source").GetProperty("id").GetString());
        }
    }

    [Fact]
    public async Task Device_with_a_CA_signed_certificate_and_its_password_connects()
    {
        // The certificate passes the CA check; the password says which device it is.
        Assert.Equal(MqttClientConnectResultCode.Success, await MqttConnect.ResultOf(
            TlsOptions(TlsHostFixture.PasswordDevice, trustCa: true, fx.Certificates.Device, fx.PasswordDeviceSecret).Build()));
        // Without the password, a certificate registered for another device does not log it in.
        Assert.Equal(MqttClientConnectResultCode.BadUserNameOrPassword, await MqttConnect.ResultOf(
            TlsOptions(TlsHostFixture.PasswordDevice, trustCa: true, fx.Certificates.Device).Build()));
    }

    [Fact]
    public async Task Client_that_does_not_trust_the_servers_CA_cannot_connect()
    {
        // Default validation: the machine's trust store, which does not hold the test CA.
        var error = await Record.ExceptionAsync(() => MqttConnect.ResultOf(
            TlsOptions(TlsHostFixture.CertificateDevice, trustCa: false, fx.Certificates.Device).Build()));
        output.WriteLine(error?.ToString());
        Assert.NotNull(error);
    }

    [Fact]
    public async Task Self_signed_client_certificate_is_refused_in_the_handshake_and_counted()
    {
        var before = await Refused("bad_certificate");

        var error = await Record.ExceptionAsync(() => MqttConnect.ResultOf(
            TlsOptions(TlsHostFixture.PasswordDevice, trustCa: true, fx.Certificates.SelfSignedDevice, fx.PasswordDeviceSecret).Build()));
        output.WriteLine(error?.ToString());
        Assert.NotNull(error);
        // Without any certificate (Required) the handshake fails too.
        Assert.NotNull(await Record.ExceptionAsync(() => MqttConnect.ResultOf(
            TlsOptions(TlsHostFixture.PasswordDevice, trustCa: true, clientCertificate: null, fx.PasswordDeviceSecret).Build())));

        Assert.True(await Refused("bad_certificate") >= before + 1, Host.Output);
    }

    [Fact]
    public async Task Plain_port_switched_off_refuses_connections()
    {
        var error = await Record.ExceptionAsync(() => MqttConnect.ResultOf(
            MqttConnect.Options(Host.MqttPort, TlsHostFixture.PasswordDevice, TlsHostFixture.PasswordDevice, fx.PasswordDeviceSecret).Build()));
        output.WriteLine(error?.ToString());
        Assert.NotNull(error);
        Assert.DoesNotContain($"listening on 127.0.0.1:{Host.MqttPort}", Host.Output);
        Assert.Contains($"listening with TLS on 127.0.0.1:{fx.TlsPort}", Host.Output);
    }

    [Fact]
    public async Task Broker_listens_only_on_the_configured_address()
    {
        // Mqtt:Host is 127.0.0.1: nothing may answer on the same port over IPv6 (all interfaces, by MQTTnet's default).
        using var tcp = new System.Net.Sockets.TcpClient(System.Net.Sockets.AddressFamily.InterNetworkV6);
        var error = await Record.ExceptionAsync(() => tcp.ConnectAsync(System.Net.IPAddress.IPv6Loopback, fx.TlsPort));
        Assert.IsAssignableFrom<System.Net.Sockets.SocketException>(error);
    }

    private async Task<long> Refused(string reason)
    {
        var (_, body) = await Host.ReadinessAsync();
        return body.GetProperty("ingest").GetProperty("security").GetProperty("refused").GetProperty(reason).GetInt64();
    }
}
