using Emergency.History.Tests.Infrastructure;

namespace Emergency.EndToEnd.Tests;

/// <summary>The network-drop test with its own InfluxDB server (it kills it), apart from the other InfluxDB tests.</summary>
[CollectionDefinition(Name)]
public sealed class NetworkDropCollection : ICollectionFixture<InfluxServerFixture>
{
    public const string Name = "network-drop";
}
