using BenchmarkDotNet.Attributes;
using Emergency.Grains.Persistence;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Orleans.Serialization;

namespace Emergency.Benchmarks.Micro;

/// <summary>
/// The SQLite grain storage as a snapshot round uses it: many grains writing their state at once (synchronous=FULL,
/// so each commit waits for the disk). What one write costs when 64 grains write together is what holds a grain's
/// turn, and with it that patient's frames and their PUBACKs, during a round.
/// </summary>
[MemoryDiagnoser]
public class GrainStorageBenchmarks
{
    private const int Grains = 64;
    private readonly byte[] _state = new byte[4096];
    private SqliteGrainStorage _storage = null!;
    private ServiceProvider _services = null!;
    private GrainState<byte[]>[] _states = null!;
    private GrainId[] _ids = null!;
    private string _file = null!;

    [GlobalSetup]
    public void Setup()
    {
        _services = new ServiceCollection().AddSerializer().BuildServiceProvider();
        _file = Path.Combine(Path.GetTempPath(), $"emergency-bench-{Guid.NewGuid():N}.db");
        _storage = new SqliteGrainStorage(_file, _services.GetRequiredService<Serializer>(), NullLogger<SqliteGrainStorage>.Instance);
        _ids = Enumerable.Range(0, Grains).Select(i => GrainId.Create("patient", $"P-{i}")).ToArray();
        _states = _ids.Select(_ => new GrainState<byte[]> { State = _state }).ToArray();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _storage.Dispose();
        _services.Dispose();
        foreach (var suffix in new[] { "", "-wal", "-shm" })
        {
            File.Delete(_file + suffix);
        }
    }

    [Benchmark(OperationsPerInvoke = Grains)]
    public Task SnapshotRoundOf64Writes()
    {
        var writes = new Task[Grains];
        for (var i = 0; i < Grains; i++)
        {
            writes[i] = _storage.WriteStateAsync("patient", _ids[i], _states[i]);
        }
        return Task.WhenAll(writes);
    }
}
