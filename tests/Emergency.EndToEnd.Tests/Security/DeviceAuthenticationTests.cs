using System.Net;
using Emergency.EndToEnd.Tests.Infrastructure;
using MQTTnet;
using MQTTnet.Protocol;
using static Emergency.EndToEnd.Tests.Infrastructure.Json;

namespace Emergency.EndToEnd.Tests.Security;

/// <summary>Who may connect to the broker of a secure host: registered devices with their own secret only.</summary>
[Collection(SecureHostCollection.Name)]
public sealed class DeviceAuthenticationTests(SecureHostFixture fx)
{
    private HostProcess Host => fx.Host;
    private const string Region = SecureHostFixture.Region;

    [Fact]
    public async Task Registered_device_with_its_secret_connects_and_its_frame_is_applied()
    {
        var (client, result) = await MqttConnect.ConnectAsync(MqttConnect.Options(Host.MqttPort, "AMB-S1", "AMB-S1", fx.SecretOf("AMB-S1")).Build());
        using (client)
        {
            Assert.Equal(MqttClientConnectResultCode.Success, result.ResultCode);
            var patientId = $"P-{Guid.NewGuid():N}"[..16];
            var ack = await client.PublishAsync(new MqttApplicationMessageBuilder()
                .WithTopic($"ems/{Region}/ambulance/AMB-S1/vitals")
                .WithPayload(VitalsFrame(patientId, 1, DateTimeOffset.UtcNow, ExampleVitals))
                .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build());
            Assert.Equal(MqttClientPublishReasonCode.Success, ack.ReasonCode);

            var state = Parse(await Host.Http.GetStringAsync($"/api/patients/{patientId}"));
            Assert.Equal("AMB-S1", state.GetProperty("source").GetProperty("id").GetString());
            Assert.Equal(112, state.GetProperty("vitals").GetProperty("hr").GetDouble());
        }
    }

    [Fact]
    public async Task Unknown_device_is_refused_and_counted()
    {
        var before = await fx.RefusalsAsync();

        Assert.Equal(MqttClientConnectResultCode.BadUserNameOrPassword,
            await MqttConnect.ResultOf(MqttConnect.Options(Host.MqttPort, "AMB-NOBODY", "AMB-NOBODY", "guessed-secret").Build()));
        Assert.Equal(MqttClientConnectResultCode.BadUserNameOrPassword,
            await MqttConnect.ResultOf(MqttConnect.Options(Host.MqttPort, "AMB-NOBODY-2").Build()));

        var after = await fx.RefusalsAsync();
        Assert.Equal(before["unknown_device"] + 2, after["unknown_device"]);
        Assert.Contains("Refused MQTT connection of device AMB-NOBODY-2", await fx.OutputOnceItContains("AMB-NOBODY-2"));
    }

    [Fact]
    public async Task Wrong_password_is_refused_counted_and_not_logged()
    {
        var before = await fx.RefusalsAsync();
        var wrong = $"wrong-{Guid.NewGuid():N}";

        Assert.Equal(MqttClientConnectResultCode.BadUserNameOrPassword,
            await MqttConnect.ResultOf(MqttConnect.Options(Host.MqttPort, "AMB-S1", "AMB-S1", wrong).Build()));
        // Another device's secret is a wrong password too.
        Assert.Equal(MqttClientConnectResultCode.BadUserNameOrPassword,
            await MqttConnect.ResultOf(MqttConnect.Options(Host.MqttPort, "AMB-S1", "AMB-S1", fx.SecretOf("AMB-S2")).Build()));
        // No password at all.
        Assert.Equal(MqttClientConnectResultCode.BadUserNameOrPassword,
            await MqttConnect.ResultOf(MqttConnect.Options(Host.MqttPort, "AMB-S1").Build()));

        var after = await fx.RefusalsAsync();
        Assert.Equal(before["bad_password"] + 2, after["bad_password"]);
        Assert.Equal(before["no_credentials"] + 1, after["no_credentials"]);
        // The refusals are logged (with the reason), the passwords are not.
        var log = await fx.OutputOnceALine(l => l.Contains("connection of device AMB-S1 from") && l.TrimEnd().EndsWith("no_credentials"));
        Assert.Contains("no_credentials", log);
        Assert.Contains("bad_password", log);
        Assert.DoesNotContain(wrong, log);
        Assert.DoesNotContain(fx.SecretOf("AMB-S2"), log);
    }

    [Fact]
    public async Task A_device_logs_in_only_as_itself()
    {
        var before = await fx.RefusalsAsync();

        // AMB-S2's own, correct credentials, but presented under AMB-S1's client id.
        Assert.Equal(MqttClientConnectResultCode.BadUserNameOrPassword,
            await MqttConnect.ResultOf(MqttConnect.Options(Host.MqttPort, "AMB-S1", "AMB-S2", fx.SecretOf("AMB-S2")).Build()));

        Assert.Equal(before["username_mismatch"] + 1, (await fx.RefusalsAsync())["username_mismatch"]);
    }

    [Fact]
    public async Task Device_revoked_while_connected_is_disconnected_and_then_refused()
    {
        var options = MqttConnect.Options(Host.MqttPort, "AMB-REV", "AMB-REV", fx.SecretOf("AMB-REV")).Build();
        var (client, result) = await MqttConnect.ConnectAsync(options);
        using (client)
        {
            Assert.Equal(MqttClientConnectResultCode.Success, result.ResultCode);
            var disconnected = new TaskCompletionSource<MqttClientDisconnectedEventArgs>(TaskCreationOptions.RunContinuationsAsynchronously);
            client.DisconnectedAsync += e =>
            {
                disconnected.TrySetResult(e);
                return Task.CompletedTask;
            };

            var revoke = await DevicesCli.RunAsync(fx.DataDirectory, "revoke", "--id", "AMB-REV");
            Assert.True(revoke.ExitCode == 0, revoke.ToString());

            // The host notices the changed file by itself (no restart, no signal) and puts the device off.
            var gone = await disconnected.Task.WaitAsync(TimeSpan.FromSeconds(30));
            Assert.Equal(MqttClientDisconnectReason.NotAuthorized, gone.Reason);
        }

        var before = await fx.RefusalsAsync();
        Assert.Equal(MqttClientConnectResultCode.NotAuthorized, await MqttConnect.ResultOf(options));
        Assert.Equal(before["revoked"] + 1, (await fx.RefusalsAsync())["revoked"]);

        var list = await DevicesCli.RunAsync(fx.DataDirectory, "list");
        Assert.Equal(0, list.ExitCode);
        Assert.Matches(@"AMB-REV\s+ambulance\s+sec\s+\S+ \S+\s+revoked", list.Output);
        Assert.DoesNotContain(fx.SecretOf("AMB-REV"), list.Output);
    }

    [Fact]
    public async Task Rotated_secret_replaces_the_old_one()
    {
        var old = fx.SecretOf("AMB-ROT");
        var rotate = await DevicesCli.RunAsync(fx.DataDirectory, "rotate", "--id", "AMB-ROT");
        Assert.True(rotate.ExitCode == 0, rotate.ToString());
        var fresh = System.Text.RegularExpressions.Regex.Match(rotate.Output, @"password:\s+(\S+)").Groups[1].Value;
        Assert.NotEqual(old, fresh);

        // The host reloads the registry on its own; until then the old secret may still be in force.
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        MqttClientConnectResultCode withOld;
        do
        {
            withOld = await MqttConnect.ResultOf(MqttConnect.Options(Host.MqttPort, "AMB-ROT", "AMB-ROT", old).Build());
            if (withOld != MqttClientConnectResultCode.Success) break;
            await Task.Delay(200);
        } while (DateTime.UtcNow < deadline);

        Assert.Equal(MqttClientConnectResultCode.BadUserNameOrPassword, withOld);
        Assert.Equal(MqttClientConnectResultCode.Success,
            await MqttConnect.ResultOf(MqttConnect.Options(Host.MqttPort, "AMB-ROT", "AMB-ROT", fresh).Build()));
    }

    [Fact]
    public async Task Devices_command_refuses_bad_input_with_a_clear_error_and_changes_nothing()
    {
        var registry = Path.Combine(fx.DataDirectory, "data", "devices.json");
        var before = await File.ReadAllTextAsync(registry);

        var badKind = await DevicesCli.RunAsync(fx.DataDirectory, "add", "--id", "AMB-X", "--kind", "boat", "--region", Region);
        Assert.Equal(2, badKind.ExitCode);
        Assert.Contains("--kind must be ambulance or wearable", badKind.Error);

        var badId = await DevicesCli.RunAsync(fx.DataDirectory, "add", "--id", "AMB X/#", "--kind", "ambulance", "--region", Region);
        Assert.Equal(2, badId.ExitCode);
        Assert.Contains("--id must be", badId.Error);

        var duplicate = await DevicesCli.RunAsync(fx.DataDirectory, "add", "--id", "AMB-S1", "--kind", "ambulance", "--region", Region);
        Assert.Equal(1, duplicate.ExitCode);
        Assert.Contains("already registered", duplicate.Error);

        var missing = await DevicesCli.RunAsync(fx.DataDirectory, "revoke", "--id", "AMB-NOT-THERE");
        Assert.Equal(1, missing.ExitCode);
        Assert.Contains("no device AMB-NOT-THERE", missing.Error);

        Assert.Equal(before, await File.ReadAllTextAsync(registry));
        Assert.Equal(HttpStatusCode.OK, (HttpStatusCode)(await Host.ReadinessAsync()).Status);
    }
}
