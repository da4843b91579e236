namespace Emergency.Browser.Tests.Infrastructure;

/// <summary>
/// The host in demo mode (its simulated fleet streaming, default board settings), plus the four scripted ambulances
/// of <see cref="InboundScenario"/> heading to <see cref="EdHospitalId"/>.
/// </summary>
public sealed class DemoHostFixture : BrowserFixture
{
    public const string EdHospitalId = "H-08";

    protected override IDictionary<string, string> Settings { get; } = new Dictionary<string, string>
    {
        ["Demo__Enabled"] = "true",
        ["Demo__Ambulances"] = "12",
        ["Demo__Wearables"] = "40",
    };

    public IReadOnlyList<(SimulatedAmbulance Ambulance, string LatestVitals)> Inbound { get; private set; } = [];

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        Inbound = await InboundScenario.SendAsync(Host, EdHospitalId);
    }

    /// <summary>Each scripted unit sends its latest reading again, now: the cards show live data, not a stale one.</summary>
    public async Task RefreshInboundAsync()
    {
        foreach (var (ambulance, vitals) in Inbound) await ambulance.VitalsAsync(vitals);
    }

    public override async Task DisposeAsync()
    {
        foreach (var (ambulance, _) in Inbound) await ambulance.DisposeAsync();
        await base.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class DemoHostCollection : ICollectionFixture<DemoHostFixture>
{
    public const string Name = "browser: demo host";
}
