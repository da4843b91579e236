namespace Emergency.Grains.Clustering;

/// <summary>How the silos of one service find each other (<c>Cluster:Mode</c>).</summary>
public enum ClusteringMode
{
    /// <summary>One node on its own (the default): membership in memory, grain state in the node's SQLite file.</summary>
    Localhost,

    /// <summary>Membership and grain state in PostgreSQL through Orleans' ADO.NET providers.</summary>
    AdoNet,

    /// <summary>Membership and grain state in Redis: the lighter option, without PostgreSQL.</summary>
    Redis,
}
