using Emergency.Grains;
using Emergency.Grains.Hosting;
using Emergency.Grains.Live;
using Emergency.Grains.Persistence;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Orleans.Runtime.Hosting;
using Orleans.Serialization;
using Orleans.TestingHost;

namespace Emergency.Grains.Tests;

/// <summary>One in-process silo for all grain tests; tests use unique keys and move the clinical clock.</summary>
public sealed class ClusterFixture : IAsyncLifetime
{
    public static readonly DateTimeOffset Start = new(2026, 11, 23, 7, 0, 0, TimeSpan.Zero);

    public FakeTimeProvider Clock { get; } = new(Start);
    public RecordingPushSink Pushes { get; } = new();
    public InProcessTestCluster Cluster { get; private set; } = null!;
    public IGrainFactory Grains => Cluster.Client;
    public FaultyGrainStorage Storage { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var builder = new InProcessTestClusterBuilder(initialSilosCount: 1);
        builder.ConfigureSilo((_, silo) =>
        {
            silo.Services.AddKeyedSingleton<TimeProvider>(ClinicalTime.Key, Clock);
            silo.Services.AddSingleton<ILivePushSink>(Pushes);
            silo.Services.AddEmergencyGrainServices();
            // Registered after the service's own: the grains' named storage is this one.
            silo.Services.AddGrainStorage(GrainStorageNames.State, (sp, _) => Storage = new FaultyGrainStorage(sp.GetRequiredService<Serializer>()));
        });
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    public async Task DisposeAsync() => await Cluster.DisposeAsync();
}

[CollectionDefinition(Name)]
public sealed class ClusterCollection : ICollectionFixture<ClusterFixture>
{
    public const string Name = "cluster";
}
