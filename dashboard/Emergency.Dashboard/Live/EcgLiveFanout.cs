using System.Collections.Concurrent;
using System.Threading.Channels;
using Emergency.Dashboard.Api;
using Emergency.Domain.Ecg.Wire;
using Emergency.Ingest.Ecg;

namespace Emergency.Dashboard.Live;

/// <summary>
/// Hands each accepted ECG block to the viewers of that patient's strip, and to no one else. Every viewer has its
/// own bounded buffer (<see cref="ViewerCapacity"/> blocks, about 4 s): a viewer that reads too slowly loses its own
/// oldest blocks (counted as <c>viewerDropped</c>), never slows ingest or another viewer. Writing never waits.
/// </summary>
public sealed class EcgLiveFanout(EcgLatestFindings findings, EcgMetrics metrics) : IEcgBlockListener
{
    public const int ViewerCapacity = 16;

    private readonly ConcurrentDictionary<string, ConcurrentDictionary<Viewer, byte>> _viewers = new(StringComparer.Ordinal);

    public void OnBlock(string region, string patientId, string deviceId, EcgBlock block)
    {
        if (!_viewers.TryGetValue(patientId, out var viewers) || viewers.IsEmpty)
        {
            return; // nobody watches: nothing is built
        }
        var latest = findings.Get(patientId) is { } f ? EcgFindingsDto.From(f) : null;
        var item = new EcgLiveBlock(patientId, deviceId, block.Seq, block.StartUnixMs, block.SampleRateHz,
            [.. block.Leads.Select(EcgLeads.Name)],
            [.. block.Samples.Select(lead => lead.Select(s => (int)Math.Round(s * block.MicrovoltsPerLsb)).ToArray())],
            latest, 0);
        foreach (var viewer in viewers.Keys)
        {
            viewer.Offer(item);
        }
    }

    /// <summary>A new viewer of the patient's strip; dispose it to stop.</summary>
    public Viewer Watch(string patientId)
    {
        var viewer = new Viewer(this, patientId);
        _viewers.GetOrAdd(patientId, _ => new()).TryAdd(viewer, 0);
        return viewer;
    }

    private void Remove(Viewer viewer)
    {
        if (_viewers.TryGetValue(viewer.PatientId, out var viewers))
        {
            viewers.TryRemove(viewer, out _);
        }
    }

    public sealed class Viewer : IDisposable
    {
        private readonly EcgLiveFanout _owner;
        private readonly Channel<EcgLiveBlock> _buffer;
        private long _dropped;

        internal Viewer(EcgLiveFanout owner, string patientId)
        {
            _owner = owner;
            PatientId = patientId;
            _buffer = Channel.CreateBounded<EcgLiveBlock>(new BoundedChannelOptions(ViewerCapacity)
            {
                FullMode = BoundedChannelFullMode.DropOldest,
                SingleReader = true,
            }, _ =>
            {
                Interlocked.Increment(ref _dropped);
                owner.Metrics.ViewerDropped();
            });
        }

        public string PatientId { get; }

        internal void Offer(EcgLiveBlock block) => _buffer.Writer.TryWrite(block);

        /// <summary>The viewer's blocks as it can take them, each saying how many were dropped before it.</summary>
        public async IAsyncEnumerable<EcgLiveBlock> ReadAllAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
        {
            long reported = 0;
            await foreach (var block in _buffer.Reader.ReadAllAsync(cancellationToken))
            {
                var dropped = Interlocked.Read(ref _dropped);
                yield return dropped == reported ? block : block with { DroppedBefore = dropped - reported };
                reported = dropped;
            }
        }

        public void Dispose()
        {
            _owner.Remove(this);
            _buffer.Writer.TryComplete();
        }
    }

    private EcgMetrics Metrics => metrics;
}
