namespace Emergency.EndToEnd.Tests.Cluster;

/// <summary>The cluster tests share one PostgreSQL, Mosquitto and Redis; each test forms its own cluster (its own id).</summary>
[CollectionDefinition(Name)]
public sealed class ClusterCollection : ICollectionFixture<ClusterServices>
{
    public const string Name = "cluster";
}
