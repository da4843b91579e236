using Emergency.EndToEnd.Tests.Infrastructure;

namespace Emergency.EndToEnd.Tests.Security;

/// <summary>Tests that start their own host; nothing shared.</summary>
[CollectionDefinition(Name)]
public sealed class DemoFleetCollection
{
    public const string Name = "device security: demo fleet";
}

/// <summary>The in-process demo fleet logs in with its own generated secrets, so it streams even into a secure host.</summary>
[Collection(DemoFleetCollection.Name)]
public sealed class DemoFleetCredentialsTests
{
    [Fact]
    public async Task Demo_fleet_streams_into_a_host_in_secure_mode_with_its_own_credentials()
    {
        await using var host = await HostProcess.StartAsync(new Dictionary<string, string>
        {
            ["Security__Development"] = "false",
            ["Demo__Enabled"] = "true",
            ["Demo__Ambulances"] = "2",
            ["Demo__Wearables"] = "2",
        });

        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        long accepted;
        System.Text.Json.JsonElement ingest;
        do
        {
            await Task.Delay(200);
            ingest = (await host.ReadinessAsync()).Body.GetProperty("ingest");
            accepted = ingest.GetProperty("accepted").GetInt64();
        } while (accepted < 8 && DateTime.UtcNow < deadline);

        Assert.True(accepted >= 8, $"only {accepted} demo frames accepted\n{host.Output}");
        var security = ingest.GetProperty("security");
        Assert.Equal(0, security.GetProperty("unregisteredAccepted").GetInt64());
        Assert.All(security.GetProperty("refused").EnumerateObject(), p => Assert.Equal(0, p.Value.GetInt64()));
        Assert.Contains("Demo fleet: 4 devices provisioned in memory", host.Output);
        Assert.DoesNotContain("SECURITY DEVELOPMENT MODE", host.Output);
    }

    [Fact]
    public async Task The_demo_switch_turns_development_mode_on_whatever_the_configuration_file_says()
    {
        // The README's first command: `--demo`, with appsettings.json's Security:Development=false (here also from the
        // environment, which would win over the file): demo users sign in and the demo fleet streams.
        await using var host = await HostProcess.StartAsync(new Dictionary<string, string>
        {
            ["Security__Development"] = "false",
            ["Demo__Ambulances"] = "2",
            ["Demo__Wearables"] = "2",
        }, arguments: ["--demo"]);

        Assert.Contains("SECURITY DEVELOPMENT MODE", host.Output);
        await host.UseAccountAsync(HostProcess.DemoAdmin, HostProcess.DemoPassword);
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        // Every wearable has its patient; an ambulance has one only while on a call.
        var patients = 0;
        while (patients < 2 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(200);
            patients = Json.Parse(await host.Http.GetStringAsync("/api/patients?region=sh")).GetArrayLength();
        }
        Assert.True(patients >= 2, $"{patients} demo patients on the region board\n{host.Output}");
    }
}
