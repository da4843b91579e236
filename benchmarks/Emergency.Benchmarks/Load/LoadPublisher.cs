using System.Diagnostics;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;

namespace Emergency.Benchmarks.Load;

/// <summary>
/// One MQTT connection (MQTT 5, QoS 1) publishing for its share of the devices, round robin, on an open-loop
/// schedule: frames fall due at the rate whether or not earlier ones were answered, up to a cap of frames in flight
/// (the MQTT client sends them in order on the one connection). Latency runs from the publish call to its PUBACK.
/// </summary>
public sealed class LoadPublisher(string clientId, IReadOnlyList<LoadDevice> devices, int maxInFlight) : IAsyncDisposable
{
    private readonly IMqttClient _client = new MqttClientFactory().CreateMqttClient();
    private readonly SemaphoreSlim _inFlight = new(maxInFlight, maxInFlight);

    /// <summary>Where priming frames count a second time (publishes count into a phase and the step's whole).</summary>
    private static readonly LoadCounters Unreported = new();

    public int InFlight => maxInFlight - _inFlight.CurrentCount;

    public async Task ConnectAsync(int port, CancellationToken ct)
    {
        var options = new MqttClientOptionsBuilder()
            .WithTcpServer("127.0.0.1", port)
            .WithClientId(clientId)
            .WithProtocolVersion(MqttProtocolVersion.V500)
            .WithCleanStart()
            .WithTimeout(TimeSpan.FromSeconds(30))
            .Build();
        var result = await _client.ConnectAsync(options, ct);
        if (result.ResultCode != MqttClientConnectResultCode.Success)
        {
            throw new InvalidOperationException($"{clientId}: connect refused ({result.ResultCode})");
        }
    }

    /// <summary>Publishes at <paramref name="rateHz"/> until <paramref name="until"/>; <paramref name="phase"/> says which counters a frame goes to.</summary>
    public async Task RunAsync(double rateHz, Stopwatch clock, TimeSpan until, Func<LoadCounters> phase, LoadCounters whole, CancellationToken ct)
    {
        var start = clock.Elapsed;
        long issued = 0;
        var next = 0;
        while (!ct.IsCancellationRequested && clock.Elapsed < until)
        {
            var due = (long)((clock.Elapsed - start).TotalSeconds * rateHz) + 1;
            while (issued < due && clock.Elapsed < until)
            {
                await _inFlight.WaitAsync(ct);
                var device = devices[next];
                next = (next + 1) % devices.Count;
                issued++;
                _ = Publish(device, phase(), whole);
            }
            var wait = start + TimeSpan.FromSeconds(issued / rateHz) - clock.Elapsed;
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, ct);
            }
        }
    }

    /// <summary>
    /// One frame per device, as fast as the cap of frames in flight allows, before anything is measured: the
    /// service activates each device's and patient's grains on their first frame, which steady state never sees again.
    /// </summary>
    public async Task PrimeAsync(LoadCounters counters, CancellationToken ct)
    {
        foreach (var device in devices)
        {
            await _inFlight.WaitAsync(ct);
            _ = Publish(device, counters, Unreported);
        }
        await DrainAsync(TimeSpan.FromMinutes(5));
    }

    /// <summary>Waits until every frame sent has its answer, or <paramref name="timeout"/> passes.</summary>
    public async Task DrainAsync(TimeSpan timeout)
    {
        var deadline = Stopwatch.StartNew();
        while (InFlight > 0 && deadline.Elapsed < timeout)
        {
            await Task.Delay(20);
        }
    }

    private async Task Publish(LoadDevice device, LoadCounters counters, LoadCounters whole)
    {
        var (seq, ts) = device.Next();
        var message = new MqttApplicationMessageBuilder()
            .WithTopic(device.Topic)
            .WithPayload(LoadFrame.Encode(device.PatientId, seq, ts))
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
            .Build();
        counters.CountSent();
        whole.CountSent();
        var started = Stopwatch.GetTimestamp();
        try
        {
            var result = await _client.PublishAsync(message);
            if (result.ReasonCode is MqttClientPublishReasonCode.Success or MqttClientPublishReasonCode.NoMatchingSubscribers)
            {
                counters.Ack.Record(Stopwatch.GetElapsedTime(started));
                counters.CountAcked();
                whole.CountAcked();
                device.Acked(ts);
            }
            else
            {
                counters.CountRefused();
                whole.CountRefused();
            }
        }
        catch (Exception)
        {
            counters.CountFailed();
            whole.CountFailed();
        }
        finally
        {
            _inFlight.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_client.IsConnected)
        {
            try
            {
                await _client.DisconnectAsync();
            }
            catch (Exception)
            {
                // the target may be gone already
            }
        }
        _client.Dispose();
        _inFlight.Dispose();
    }
}
