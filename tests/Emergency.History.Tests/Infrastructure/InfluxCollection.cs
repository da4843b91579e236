namespace Emergency.History.Tests.Infrastructure;

/// <summary>The test classes that share one <see cref="InfluxServerFixture"/>; they run one after another.</summary>
[CollectionDefinition(Name)]
public sealed class InfluxCollection : ICollectionFixture<InfluxServerFixture>
{
    public const string Name = "influxdb";
}
