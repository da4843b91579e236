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
}
