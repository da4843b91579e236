using Emergency.DeviceSim.Fleet;
using Emergency.DeviceSim.Wire;

namespace Emergency.DeviceSim.Transport;

/// <summary>
/// Drives one device: a producer loop ticks the device on a drift-free schedule and stores the frames;
/// a sender loop connects (with backoff, through the shared connect gate), publishes the stored frames in
/// order and, when the connection drops, keeps them and reconnects. Both are plain async loops on the
/// thread pool; no thread per device.
/// </summary>
internal sealed class DeviceRunner
{
    /// <summary>Device times of one device's ticks are at least this far apart (frames carry whole milliseconds).</summary>
    private static readonly TimeSpan MinimumStampStep = TimeSpan.FromMilliseconds(1);

    /// <summary>A frame that fails this many publish attempts in a row is given up (counted as refused).</summary>
    public const int MaxPublishAttempts = 5;

    private readonly SimulationOptions _options;
    private readonly SimulationCounters _counters;
    private readonly SemaphoreSlim _connectGate;
    private readonly TimeProvider _time;
    private readonly Random _random;
    private OutboundFrame? _failingFrame;
    private int _failedAttempts;

    public DeviceRunner(
        SimDevice device,
        IDeviceLink link,
        SimulationOptions options,
        SimulationCounters counters,
        SemaphoreSlim connectGate,
        TimeProvider time,
        Random random)
    {
        Device = device;
        Link = link;
        Buffer = new FrameBuffer(options.BufferCapacity, options.BufferPolicy);
        _options = options;
        _counters = counters;
        _connectGate = connectGate;
        _time = time;
        _random = random;
    }

    public SimDevice Device { get; }

    public IDeviceLink Link { get; }

    public FrameBuffer Buffer { get; }

    public bool EverConnected { get; private set; }

    /// <summary>
    /// When set, this device's ECG frames go to that runner's buffer and are sent over its link (the raw socket
    /// gateway) instead of this one's; that runner only sends, it does not tick the device.
    /// </summary>
    public DeviceRunner? EcgRunner { get; init; }

    /// <summary>Ticks the device from <paramref name="firstTick"/> on until <paramref name="stopping"/> fires.</summary>
    public async Task ProduceAsync(DateTimeOffset firstTick, CancellationToken stopping)
    {
        var schedule = new TickSchedule(firstTick, Device.TickInterval);
        var frames = new List<OutboundFrame>(4);
        DateTimeOffset? previous = null;
        try
        {
            while (!stopping.IsCancellationRequested)
            {
                var delay = schedule.NextDue - _time.GetUtcNow();
                if (delay > TimeSpan.Zero)
                {
                    await Task.Delay(delay, _time, stopping).ConfigureAwait(false);
                }

                var now = _time.GetUtcNow();
                if (previous is { } last && now < last + MinimumStampStep)
                {
                    // A tick catching up after a stall runs right after the one before: a monitor never stamps two
                    // readings with the same millisecond, so this one is stamped one millisecond later.
                    now = last + MinimumStampStep;
                }
                var elapsed = previous is { } p && now > p ? now - p : TimeSpan.Zero;
                previous = now;
                Device.Tick(now, elapsed, elapsed * _options.TimeScale, frames);
                var routed = 0;
                foreach (var frame in frames)
                {
                    if (frame.Kind == FrameKind.Ecg && EcgRunner is { } ecg)
                    {
                        ecg.Buffer.Enqueue(frame);
                        routed++;
                    }
                    else
                    {
                        Buffer.Enqueue(frame);
                    }
                }

                _counters.AddGenerated(frames.Count - routed);
                EcgRunner?._counters.AddGenerated(routed);
                frames.Clear();
                schedule.Complete(now);
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
        }
    }

    /// <summary>
    /// Connects and publishes until <paramref name="stopping"/> fires; then, if connected, keeps publishing until the
    /// buffer is empty or <paramref name="abort"/> fires.
    /// </summary>
    public async Task SendAsync(CancellationToken stopping, CancellationToken abort)
    {
        var backoff = new ExponentialBackoff(_options.ReconnectDelay, _options.MaxReconnectDelay, _random);
        try
        {
            while (!stopping.IsCancellationRequested)
            {
                ConnectOutcome outcome;
                await _connectGate.WaitAsync(stopping).ConfigureAwait(false);
                try
                {
                    outcome = await Link.ConnectAsync(stopping).ConfigureAwait(false);
                }
                finally
                {
                    _connectGate.Release();
                }

                if (!outcome.Connected)
                {
                    _counters.AddConnectFailure(outcome.Error);
                    await Task.Delay(backoff.Next(), _time, stopping).ConfigureAwait(false);
                    continue;
                }

                backoff.Reset();
                _counters.OnConnected(firstTime: !EverConnected);
                EverConnected = true;
                bool finished;
                try
                {
                    finished = await PumpAsync(stopping, abort).ConfigureAwait(false);
                }
                finally
                {
                    _counters.OnDisconnected();
                }

                if (finished)
                {
                    return;
                }

                // Connection lost: a short, growing pause before reconnecting.
                await Task.Delay(backoff.Next(), _time, stopping).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested || abort.IsCancellationRequested)
        {
        }
    }

    /// <summary>Publishes buffered frames in order. True when done (stopped and drained, or aborted); false when the connection was lost.</summary>
    private async Task<bool> PumpAsync(CancellationToken stopping, CancellationToken abort)
    {
        var stopped = Task.Delay(Timeout.Infinite, stopping);
        var aborted = Task.Delay(Timeout.Infinite, abort);
        while (!abort.IsCancellationRequested)
        {
            if (!Buffer.TryDequeue(out var frame))
            {
                if (stopping.IsCancellationRequested)
                {
                    return true;
                }

                var disconnected = Link.WhenDisconnected();
                if (!Link.IsConnected)
                {
                    return false;
                }

                await Task.WhenAny(Buffer.WaitForFrameAsync(abort), disconnected, stopped, aborted).ConfigureAwait(false);
                if (!Link.IsConnected)
                {
                    return false;
                }

                continue;
            }

            _counters.AddSent();
            PublishOutcome outcome;
            try
            {
                outcome = await Link.PublishAsync(frame, abort).ConfigureAwait(false);
            }
            catch (Exception ex)
            {
                if (abort.IsCancellationRequested)
                {
                    Buffer.ReturnToFront(frame);
                    return true;
                }

                if (RecordFailure(frame))
                {
                    _counters.AddRefusal($"publish failed: {ex.GetType().Name}", byBroker: true);
                    frame.Release();
                }
                else
                {
                    Buffer.ReturnToFront(frame);
                }

                return false;
            }

            _failingFrame = null;
            if (outcome.Accepted)
            {
                _counters.AddAcknowledged();
            }
            else
            {
                _counters.AddRefusal(outcome.RefusalReason ?? "refused", byBroker: true);
            }

            frame.Release();
        }

        return true;
    }

    /// <summary>Counts a failed attempt for <paramref name="frame"/>; true when it should be given up.</summary>
    private bool RecordFailure(OutboundFrame frame)
    {
        if (!ReferenceEquals(_failingFrame, frame))
        {
            _failingFrame = frame;
            _failedAttempts = 0;
        }

        _failedAttempts++;
        if (_failedAttempts < MaxPublishAttempts)
        {
            return false;
        }

        _failingFrame = null;
        return true;
    }
}
