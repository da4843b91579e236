using System.Collections.Concurrent;
using Emergency.DeviceSim.Transport;
using Emergency.DeviceSim.Wire;

namespace Emergency.DeviceSim.Tests;

/// <summary>An in-memory stand-in for the broker: links connect only while it is online; publishes are recorded.</summary>
internal sealed class FakeBroker
{
    private readonly ConcurrentDictionary<string, FakeLink> _links = new();
    private int _connecting;
    private int _maxConnecting;
    private volatile bool _online;

    public FakeBroker(bool online = true) => _online = online;

    public ConcurrentQueue<Received> Published { get; } = new();

    /// <summary>Decides the PUBACK for each frame (default: accepted). May throw to simulate a failing publish.</summary>
    public Func<string, OutboundFrame, PublishOutcome>? Decide { get; set; }

    /// <summary>Called after each accepted publish; lets a test send a rejects-topic notice.</summary>
    public Action<FakeLink, long>? AfterPublish { get; set; }

    public TimeSpan ConnectLatency { get; set; } = TimeSpan.FromMilliseconds(1);

    public int MaxConcurrentConnecting => Volatile.Read(ref _maxConnecting);

    public int ConnectAttempts;

    public IReadOnlyDictionary<string, FakeLink> Links => _links;

    public bool Online
    {
        get => _online;
        set
        {
            _online = value;
            if (!value)
            {
                foreach (var link in _links.Values)
                {
                    link.Drop();
                }
            }
        }
    }

    public IDeviceLink Create(LinkRequest request)
    {
        var link = new FakeLink(this, request);
        Assert.True(_links.TryAdd(request.DeviceId, link), "one link per device");
        return link;
    }

    public List<long> SeqsOf(string deviceId) => [.. Published.Where(p => p.ClientId == deviceId).Select(p => p.Seq)];

    internal async Task<ConnectOutcome> ConnectAsync(CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref ConnectAttempts);
        var now = Interlocked.Increment(ref _connecting);
        int seen;
        while (now > (seen = Volatile.Read(ref _maxConnecting)) && Interlocked.CompareExchange(ref _maxConnecting, now, seen) != seen)
        {
        }

        try
        {
            await Task.Delay(ConnectLatency, cancellationToken);
            return _online ? ConnectOutcome.Success : ConnectOutcome.Failed("broker offline");
        }
        finally
        {
            Interlocked.Decrement(ref _connecting);
        }
    }

    internal sealed record Received(string ClientId, string Topic, long Seq, byte[] Payload);
}

internal sealed class FakeLink(FakeBroker broker, LinkRequest request) : IDeviceLink
{
    private readonly Lock _lock = new();
    private TaskCompletionSource _disconnected = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private volatile bool _connected;

    public LinkRequest Request => request;

    public bool Disposed { get; private set; }

    public bool IsConnected => _connected;

    public async Task<ConnectOutcome> ConnectAsync(CancellationToken cancellationToken)
    {
        var outcome = await broker.ConnectAsync(cancellationToken);
        if (outcome.Connected)
        {
            lock (_lock)
            {
                _disconnected = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                _connected = true;
            }
        }

        return outcome;
    }

    public Task WhenDisconnected()
    {
        lock (_lock)
        {
            return _disconnected.Task;
        }
    }

    public async Task<PublishOutcome> PublishAsync(OutboundFrame frame, CancellationToken cancellationToken)
    {
        await Task.Yield();
        if (!_connected)
        {
            throw new InvalidOperationException("not connected");
        }

        var outcome = broker.Decide?.Invoke(request.DeviceId, frame) ?? PublishOutcome.Ok;
        broker.Published.Enqueue(new FakeBroker.Received(request.DeviceId, frame.Topic, frame.Seq, frame.Payload.ToArray()));
        broker.AfterPublish?.Invoke(this, frame.Seq);
        return outcome;
    }

    public Task DisconnectAsync(CancellationToken cancellationToken)
    {
        _connected = false;
        return Task.CompletedTask;
    }

    public ValueTask DisposeAsync()
    {
        _connected = false;
        Disposed = true;
        return ValueTask.CompletedTask;
    }

    public void Drop()
    {
        lock (_lock)
        {
            _connected = false;
            _disconnected.TrySetResult();
        }
    }

    public void Reject(string reason) => request.OnReject(reason);
}

/// <summary>Collects progress reports synchronously (unlike <see cref="Progress{T}"/>, which posts).</summary>
internal sealed class ProgressLog : IProgress<SimulationProgress>
{
    private readonly ConcurrentQueue<SimulationProgress> _reports = new();

    public IReadOnlyList<SimulationProgress> Reports => [.. _reports];

    public void Report(SimulationProgress value) => _reports.Enqueue(value);
}
