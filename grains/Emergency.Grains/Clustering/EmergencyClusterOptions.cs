using System.Net;
using Microsoft.Extensions.Configuration;

namespace Emergency.Grains.Clustering;

/// <summary>
/// Configuration section <c>Cluster</c>: how this node joins a cluster and the address other nodes reach it on. The
/// silo's ports stay <c>Orleans:SiloPort</c> / <c>Orleans:GatewayPort</c>. (Not <c>Orleans:Clustering</c>: Orleans reads
/// that key itself, as a provider name.)
/// </summary>
public sealed class EmergencyClusterOptions
{
    public const string Section = "Cluster";

    /// <summary><c>Localhost</c> (default), <c>AdoNet</c> (PostgreSQL) or <c>Redis</c>.</summary>
    public ClusteringMode Mode { get; set; } = ClusteringMode.Localhost;

    /// <summary>PostgreSQL (<c>Host=…;Database=…;Username=…;Password=…</c>) or Redis (<c>host:port</c>) connection string.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>The ADO.NET provider for <see cref="ClusteringMode.AdoNet"/>; only <c>Npgsql</c> is shipped.</summary>
    public string Invariant { get; set; } = "Npgsql";

    /// <summary>Nodes with the same cluster id form one cluster; a blue/green deployment uses a second id.</summary>
    public string ClusterId { get; set; } = "emergency";

    /// <summary>Keys the stored grain state: keep it across deployments, or the state is not found.</summary>
    public string ServiceId { get; set; } = "emergency";

    /// <summary>Silo-to-silo port (<c>Orleans:SiloPort</c>).</summary>
    public int SiloPort { get; set; } = 11111;

    /// <summary>Port for Orleans clients (<c>Orleans:GatewayPort</c>; none use it today, it is part of the silo).</summary>
    public int GatewayPort { get; set; } = 30000;

    /// <summary>
    /// The IP address other nodes reach this silo on. Defaults to loopback, which only works when every node runs
    /// on this machine; set it to the node's own address on the cluster network.
    /// </summary>
    public string? AdvertisedAddress { get; set; }

    public bool IsCluster => Mode != ClusteringMode.Localhost;

    public static EmergencyClusterOptions From(IConfiguration configuration)
    {
        var options = configuration.GetSection(Section).Get<EmergencyClusterOptions>() ?? new EmergencyClusterOptions();
        options.SiloPort = configuration.GetValue("Orleans:SiloPort", options.SiloPort);
        options.GatewayPort = configuration.GetValue("Orleans:GatewayPort", options.GatewayPort);
        return options;
    }

    /// <summary>What is wrong with this configuration, or null; checked before the silo starts.</summary>
    public string? Problem()
    {
        if (SiloPort is <= 0 or > 65535 || GatewayPort is <= 0 or > 65535) return "Orleans:SiloPort and Orleans:GatewayPort must be 1-65535";
        if (!IsCluster) return null;
        if (string.IsNullOrWhiteSpace(ConnectionString)) return $"Cluster:Mode={Mode} needs Cluster:ConnectionString";
        if (Mode == ClusteringMode.AdoNet && Invariant != "Npgsql") return $"Cluster:Invariant '{Invariant}' is not supported: use Npgsql";
        if (AdvertisedAddress is { Length: > 0 } a && !IPAddress.TryParse(a, out _)) return $"Cluster:AdvertisedAddress '{a}' is not an IP address";
        if (string.IsNullOrWhiteSpace(ClusterId) || string.IsNullOrWhiteSpace(ServiceId)) return "Cluster:ClusterId and Cluster:ServiceId must not be empty";
        return null;
    }
}
