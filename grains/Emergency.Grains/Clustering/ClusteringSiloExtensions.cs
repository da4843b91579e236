using System.Net;
using Emergency.Grains.Persistence;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Configuration;
using Orleans.Serialization;
using Orleans.Storage;
using StackExchange.Redis;

namespace Emergency.Grains.Clustering;

public static class ClusteringSiloExtensions
{
    /// <summary>
    /// Membership and, in a cluster, the grain storage <see cref="GrainStorageNames.State"/>: a grain that moves to
    /// another node (its node died, or left in a rolling upgrade) must find its state there, so a cluster keeps it in
    /// the shared store instead of the node's SQLite file. Orleans' own providers; state in Orleans' binary format.
    /// </summary>
    public static ISiloBuilder UseEmergencyClustering(this ISiloBuilder silo, EmergencyClusterOptions options)
    {
        if (options.Problem() is { } problem)
        {
            throw new InvalidOperationException(problem);
        }
        if (!options.IsCluster)
        {
            return silo.UseLocalhostClustering(options.SiloPort, options.GatewayPort);
        }
        silo.Configure<ClusterOptions>(o =>
        {
            o.ClusterId = options.ClusterId;
            o.ServiceId = options.ServiceId;
        });
        var advertised = options.AdvertisedAddress is { Length: > 0 } a ? IPAddress.Parse(a) : IPAddress.Loopback;
        silo.ConfigureEndpoints(advertised, options.SiloPort, options.GatewayPort, listenOnAnyHostAddress: false);
        var connection = options.ConnectionString!;
        if (options.Mode == ClusteringMode.AdoNet)
        {
            silo.UseAdoNetClustering(o =>
            {
                o.Invariant = options.Invariant;
                o.ConnectionString = connection;
            });
            silo.AddAdoNetGrainStorage(GrainStorageNames.State, b => b.Configure<Serializer>((o, serializer) =>
            {
                o.Invariant = options.Invariant;
                o.ConnectionString = connection;
                o.GrainStorageSerializer = new OrleansGrainStorageSerializer(serializer);
            }));
        }
        else
        {
            silo.UseRedisClustering(o => o.ConfigurationOptions = ConfigurationOptions.Parse(connection));
            silo.AddRedisGrainStorage(GrainStorageNames.State, b => b.Configure<Serializer>((o, serializer) =>
            {
                o.ConfigurationOptions = ConfigurationOptions.Parse(connection);
                o.GrainStorageSerializer = new OrleansGrainStorageSerializer(serializer);
            }));
        }
        return silo;
    }
}
