using System.Text.Json;
using Emergency.Domain.Ecg.Synthesis;
using Emergency.Domain.Ecg.Wire;
using Emergency.EndToEnd.Tests.Infrastructure;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;

namespace Emergency.EndToEnd.Tests;

/// <summary>
/// The live strip over SignalR (<c>WatchEcg</c> stream): only viewers get blocks, and a viewer whose link stalls
/// loses its own oldest blocks (counted) while another viewer keeps receiving every block.
/// </summary>
[Collection(HostCollection.Name)]
public sealed class EcgLiveViewersEndToEndTests(HostFixture fx)
{
    private HostProcess Host => fx.Host;

    private static string NewId(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..20];

    [Fact]
    public async Task A_stalled_viewer_drops_its_own_oldest_blocks_and_the_other_viewer_receives_every_block_meanwhile()
    {
        var region = NewId("r");
        var unit = NewId("AMB");
        var patient = NewId("P");
        await using var device = await TestDevice.ConnectAsync(Host.MqttPort, unit);
        Assert.True((await device.PublishAsync($"ems/{region}/ambulance/{unit}/status",
            $$"""{"seq":1,"ts":{{DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()}},"status":"transporting","patientId":"{{patient}}"}""")).IsSuccess);

        await using var fast = Host.LiveHub();
        await fast.StartAsync();
        var fastSeqs = new List<uint>();
        using var fastStop = new CancellationTokenSource();
        var fastStream = fast.StreamAsync<JsonElement>("WatchEcg", patient, fastStop.Token);
        var lastSeen = new TaskCompletionSource<uint>(TaskCreationOptions.RunContinuationsAsynchronously);
        const uint Frames = 1200; // 5 min of ECG (about 8 MB as JSON, more than the socket buffers hold), sent as fast as it is acknowledged
        var reading = Task.Run(async () =>
        {
            await foreach (var block in fastStream)
            {
                lock (fastSeqs) fastSeqs.Add(block.GetProperty("seq").GetUInt32());
                if (block.GetProperty("seq").GetUInt32() == Frames - 1) lastSeen.TrySetResult(Frames - 1);
            }
        });

        await using var proxy = new StallProxy(Host.HttpPort);
        await using var slow = new HubConnectionBuilder()
            .WithUrl($"http://127.0.0.1:{proxy.Port}/hubs/live", o =>
            {
                o.AccessTokenProvider = () => Task.FromResult(Host.AccessToken);
                o.Transports = HttpTransportType.WebSockets;
                o.SkipNegotiation = true;
            })
            .Build();
        await slow.StartAsync();
        var slowBlocks = new List<JsonElement>();
        var slowReading = Task.Run(async () =>
        {
            try
            {
                await foreach (var block in slow.StreamAsync<JsonElement>("WatchEcg", patient)) lock (slowBlocks) slowBlocks.Add(block);
            }
            catch (Exception)
            {
                // the slow connection may time out while stalled; what it got is checked below
            }
        });
        await Task.Delay(500); // both streams subscribed before the first block
        var droppedBefore = (await Host.ReadinessAsync()).Body.GetProperty("ecg").GetProperty("viewerDropped").GetInt64();

        proxy.Stall();
        var ecg = new SyntheticEcg(new SyntheticEcgOptions { HeartRateBpm = 75, NoiseMv = 0.02 });
        var start = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() - 300_000;
        for (uint seq = 0; seq < Frames; seq++)
        {
            var ack = await device.PublishAsync($"ems/{region}/ambulance/{unit}/ecg", EcgFrameEncoder.Encode(ecg.NextBlock(seq, start + (seq * 250), 125)));
            Assert.True(ack.IsSuccess, ack.ReasonString);
        }

        // The fast viewer gets the last block while the slow one is still stalled: it did not wait for it.
        await lastSeen.Task.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.True(proxy.Stalled);
        lock (fastSeqs) Assert.Equal(Enumerable.Range(0, (int)Frames).Select(i => (uint)i), fastSeqs);
        var droppedAfter = (await Host.ReadinessAsync()).Body.GetProperty("ecg").GetProperty("viewerDropped").GetInt64();
        Assert.True(droppedAfter > droppedBefore, "the stalled viewer dropped nothing: its buffer is not bounded");

        proxy.Resume();
        fastStop.Cancel();
        // What the slow viewer then gets says how many blocks it lost.
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (DateTime.UtcNow < deadline)
        {
            lock (slowBlocks)
            {
                if (slowBlocks.Any(b => b.GetProperty("droppedBefore").GetInt64() > 0)) break;
            }
            await Task.Delay(100);
        }
        lock (slowBlocks)
        {
            Assert.Contains(slowBlocks, b => b.GetProperty("droppedBefore").GetInt64() > 0);
            Assert.True(slowBlocks.Count < Frames);
        }
    }
}
