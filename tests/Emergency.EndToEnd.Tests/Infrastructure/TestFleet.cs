using System.Diagnostics;
using System.Text;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;

namespace Emergency.EndToEnd.Tests.Infrastructure;

/// <summary>One vitals frame a fleet device sent (at least once): its seq, its own device time and its pulse.</summary>
public readonly record struct SentFrame(long Seq, long TimestampMs, double Hr);

/// <summary>The host refused a fleet frame (a PUBACK with an error reason code): the test's frames are all valid.</summary>
public sealed class FrameRefusedException(string message) : Exception(message);

/// <summary>(device id, seq): how frames are compared between what was sent, acknowledged and stored.</summary>
public readonly record struct FrameKey(string DeviceId, long Seq)
{
    public override string ToString() => $"{DeviceId}#{Seq}";
}

/// <summary>
/// Simulated ambulance monitors for durability tests: each device has its own MQTTnet client (MQTT 5, persistent
/// session), publishes vitals frames seq 1, 2, 3… at its rate at QoS 1 and keeps each frame until its PUBACK arrives.
/// A failed publish or a lost connection makes it reconnect with a short backoff to the host's <em>current</em> MQTT
/// port (the host may have been restarted on another port) and send the same frame again, so frames go out in order
/// and none is skipped. Each frame carries its own device time (<c>T0 + (seq − 1) × period</c>, unique per device).
/// The fleet records every frame sent and every (device, seq) acknowledged. <see cref="StopAsync"/> stops making new
/// frames and lets each device finish the frame it holds.
/// </summary>
public sealed class TestFleet : IAsyncDisposable
{
    private static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(3);
    private static readonly TimeSpan PublishTimeout = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan MinBackoff = TimeSpan.FromMilliseconds(50);
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromMilliseconds(500);

    private readonly Func<int> _mqttPort;
    private readonly List<FleetDevice> _devices;
    private readonly CancellationTokenSource _stopSending = new();
    private readonly CancellationTokenSource _abort = new();
    private readonly Stopwatch _clock = new();
    private List<Task> _running = [];
    private long _acked;

    /// <param name="mqttPort">Asked before every connect: the port the host listens on now.</param>
    /// <param name="prefix">Makes the ids unique: devices <c>{prefix}-AMB-{i}</c>, patients <c>{prefix}-P-{i}</c>.</param>
    /// <param name="ratesHz">One rate per device (frames per second).</param>
    public TestFleet(Func<int> mqttPort, string region, string prefix, IReadOnlyList<double> ratesHz)
    {
        _mqttPort = mqttPort;
        Region = region;
        // Device time of seq 1: whole seconds, so the frames of a test sort into predictable buckets.
        var t0 = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() / 1000 * 1000;
        _devices = ratesHz.Select((rate, i) => new FleetDevice($"{prefix}-AMB-{i}", $"{prefix}-P-{i}", rate, t0)).ToList();
    }

    public string Region { get; }

    /// <summary>
    /// The vitals fields of a device's frame (JSON members without braces) instead of the default varying pulse, e.g.
    /// for patients scripted to deteriorate.
    /// </summary>
    public Func<FleetDevice, SentFrame, string>? VitalsFields { get; init; }

    public IReadOnlyList<FleetDevice> Devices => _devices;

    /// <summary>Frames acknowledged so far (each (device, seq) once).</summary>
    public long AckedCount => Interlocked.Read(ref _acked);

    public long SentCount => _devices.Sum(d => d.SentCount);

    public long FailedAttempts => _devices.Sum(d => d.FailedAttempts);

    public long Connects => _devices.Sum(d => d.Connects);

    /// <summary>Devices connected to <paramref name="port"/> right now.</summary>
    public int ConnectedTo(int port) => _devices.Count(d => d.IsConnectedTo(port));

    public void Start()
    {
        if (_running.Count > 0) throw new InvalidOperationException("the fleet runs already");
        _clock.Start();
        _running = _devices.Select((d, i) => Task.Run(() => RunDevice(d, i))).ToList();
    }

    /// <summary>Every (device, seq) acknowledged up to now.</summary>
    public HashSet<FrameKey> AckedSnapshot() => _devices.SelectMany(d => d.AckedSeqs().Select(s => new FrameKey(d.DeviceId, s))).ToHashSet();

    /// <summary>Every frame sent at least once, by (device, seq).</summary>
    public Dictionary<FrameKey, SentFrame> SentSnapshot() =>
        _devices.SelectMany(d => d.SentFrames().Select(f => (Key: new FrameKey(d.DeviceId, f.Seq), Frame: f)))
            .ToDictionary(x => x.Key, x => x.Frame);

    /// <summary>
    /// Stops making new frames; each device keeps trying to deliver the frame it holds until it is acknowledged
    /// or <paramref name="finishWithin"/> runs out (then it gives up and the frame stays unacknowledged).
    /// </summary>
    public async Task StopAsync(TimeSpan finishWithin)
    {
        await _stopSending.CancelAsync();
        var all = Task.WhenAll(_running);
        if (await Task.WhenAny(all, Task.Delay(finishWithin)) != all)
        {
            await _abort.CancelAsync();
        }
        await all;
        _clock.Stop();
        foreach (var device in _devices)
        {
            await device.DisconnectAsync();
        }
    }

    /// <summary>One line of counts per device, for test output.</summary>
    public string Describe() => string.Join(Environment.NewLine, _devices.Select(d =>
        $"{d.DeviceId}: {d.RateHz} Hz, sent {d.SentCount}, acked {d.AckedSeqs().Count}, failed attempts {d.FailedAttempts}, " +
        $"connects {d.Connects}{(d.LastError is null ? "" : $", last error: {d.LastError}")}"));

    public async ValueTask DisposeAsync()
    {
        if (!_stopSending.IsCancellationRequested)
        {
            await _stopSending.CancelAsync();
        }
        await _abort.CancelAsync();
        try
        {
            await Task.WhenAll(_running);
        }
        catch (Exception)
        {
            // already reported by StopAsync, or the test failed before
        }
        foreach (var device in _devices)
        {
            await device.DisconnectAsync();
        }
        _stopSending.Dispose();
        _abort.Dispose();
    }

    private async Task RunDevice(FleetDevice device, int index)
    {
        var period = TimeSpan.FromSeconds(1 / device.RateHz);
        // Devices do not tick in lock-step: each starts somewhere in its first period.
        var offset = period * (index * 0.37 % 1);
        for (long seq = 1; ; seq++)
        {
            var due = offset + period * (seq - 1);
            var wait = due - _clock.Elapsed;
            try
            {
                if (wait > TimeSpan.Zero) await Task.Delay(wait, _stopSending.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            if (_stopSending.IsCancellationRequested) return;

            var frame = device.NewFrame(seq);
            var payload = Encoding.UTF8.GetBytes(Json.VitalsFrame(device.PatientId, seq,
                DateTimeOffset.FromUnixTimeMilliseconds(frame.TimestampMs),
                VitalsFields?.Invoke(device, frame)
                ?? $"\"hr\":{frame.Hr},\"rr\":16,\"spo2\":97,\"sbp\":120,\"dbp\":80,\"temp\":36.8,\"acvpu\":\"A\",\"o2\":false,\"spo2Scale\":1"));
            var message = new MqttApplicationMessageBuilder()
                .WithTopic($"ems/{Region}/ambulance/{device.DeviceId}/vitals")
                .WithPayload(payload)
                .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
                .Build();
            if (!await Deliver(device, message))
            {
                return; // aborted: the frame stays unacknowledged
            }
            device.Acked(seq);
            Interlocked.Increment(ref _acked);
        }
    }

    /// <summary>Sends one frame until it is acknowledged; false only when the fleet is aborted.</summary>
    private async Task<bool> Deliver(FleetDevice device, MqttApplicationMessage message)
    {
        var backoff = MinBackoff;
        while (!_abort.IsCancellationRequested)
        {
            try
            {
                var client = await device.ConnectedClient(_mqttPort(), _abort.Token);
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(_abort.Token);
                timeout.CancelAfter(PublishTimeout);
                var result = await client.PublishAsync(message, timeout.Token);
                if (result.ReasonCode is MqttClientPublishReasonCode.Success)
                {
                    return true;
                }
                // A refusal is final for this frame, and a test fleet only sends valid frames: fail loudly.
                throw new FrameRefusedException(
                    $"{device.DeviceId}: frame refused with {result.ReasonCode} {result.ReasonString} ({message.Topic})");
            }
            catch (FrameRefusedException)
            {
                throw;
            }
            catch (Exception ex) when (!_abort.IsCancellationRequested)
            {
                device.Failed(ex);
                await device.DisconnectAsync();
                try
                {
                    await Task.Delay(backoff, _abort.Token);
                }
                catch (OperationCanceledException)
                {
                    return false;
                }
                backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, MaxBackoff.Ticks));
            }
            catch (Exception) when (_abort.IsCancellationRequested)
            {
                return false;
            }
        }
        return false;
    }

    /// <summary>One simulated device: its client, and what it sent and got acknowledged.</summary>
    public sealed class FleetDevice(string deviceId, string patientId, double rateHz, long t0Ms)
    {
        private readonly Lock _lock = new();
        private readonly List<SentFrame> _sent = [];
        private readonly HashSet<long> _acked = [];
        private IMqttClient? _client;
        private int _port;
        private long _failedAttempts;
        private long _connects;

        public string DeviceId { get; } = deviceId;
        public string PatientId { get; } = patientId;
        public double RateHz { get; } = rateHz;
        public string? LastError { get; private set; }
        public long FailedAttempts => Interlocked.Read(ref _failedAttempts);
        public long Connects => Interlocked.Read(ref _connects);

        public int SentCount
        {
            get { lock (_lock) return _sent.Count; }
        }

        public List<SentFrame> SentFrames()
        {
            lock (_lock) return [.. _sent];
        }

        public HashSet<long> AckedSeqs()
        {
            lock (_lock) return [.. _acked];
        }

        internal bool IsConnectedTo(int port) => Volatile.Read(ref _client) is { IsConnected: true } && Volatile.Read(ref _port) == port;

        internal SentFrame NewFrame(long seq)
        {
            // Device time on the schedule, whole milliseconds: unique per frame even when frames go out back to back.
            var frame = new SentFrame(seq, t0Ms + (long)Math.Round((seq - 1) * 1000 / RateHz), 60 + seq % 50);
            lock (_lock) _sent.Add(frame);
            return frame;
        }

        internal void Acked(long seq)
        {
            lock (_lock) _acked.Add(seq);
        }

        internal void Failed(Exception ex)
        {
            Interlocked.Increment(ref _failedAttempts);
            LastError = $"{ex.GetType().Name}: {ex.Message}";
        }

        internal async Task<IMqttClient> ConnectedClient(int port, CancellationToken cancellationToken)
        {
            // Connected to another port than the host's current one (the host moved; whatever listens on the old
            // port now is not it): go to the current one.
            if (_client is { IsConnected: true } connected && _port == port) return connected;
            await DisconnectAsync();
            var client = new MqttClientFactory().CreateMqttClient();
            _client = client;
            _port = port;
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(ConnectTimeout);
            var result = await client.ConnectAsync(new MqttClientOptionsBuilder()
                .WithTcpServer("127.0.0.1", port)
                .WithClientId(DeviceId)
                .WithProtocolVersion(MqttProtocolVersion.V500)
                .WithCleanStart(false)              // persistent session
                .WithSessionExpiryInterval(3600)
                .WithKeepAlivePeriod(TimeSpan.FromSeconds(15))
                .WithTimeout(PublishTimeout)
                .Build(), timeout.Token);
            if (result.ResultCode != MqttClientConnectResultCode.Success)
            {
                throw new IOException($"connect refused: {result.ResultCode} {result.ReasonString}");
            }
            Interlocked.Increment(ref _connects);
            return client;
        }

        internal async Task DisconnectAsync()
        {
            if (Interlocked.Exchange(ref _client, null) is not { } client) return;
            try
            {
                if (client.IsConnected)
                {
                    using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(1));
                    await client.DisconnectAsync(new MqttClientDisconnectOptions(), timeout.Token);
                }
            }
            catch (Exception)
            {
                // the connection is gone already
            }
            finally
            {
                client.Dispose();
            }
        }
    }
}
