using System.Diagnostics;
using Emergency.EndToEnd.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Emergency.EndToEnd.Tests;

/// <summary>Tests that start, kill and restart their own hosts; nothing shared.</summary>
[CollectionDefinition(Name)]
public sealed class CrashRecoveryCollection
{
    public const string Name = "host crash and restart";
}

/// <summary>
/// The host dies by SIGKILL while devices publish, and a new host process opens the same data folder: every frame
/// acknowledged before the crash is in the history, and in the end every frame sent is in it exactly once.
/// </summary>
[Collection(CrashRecoveryCollection.Name)]
public sealed class CrashRecoveryTests(ITestOutputHelper output)
{
    private const int Devices = 10;
    private const double RateHz = 20;
    private static readonly TimeSpan BeforeKill = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan AfterRestart = TimeSpan.FromSeconds(3);
    private static readonly TimeSpan CatchUp = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Frames_acknowledged_before_a_sigkill_are_in_history_and_every_frame_is_stored_exactly_once()
    {
        var dataDirectory = Directory.CreateTempSubdirectory("emergency-crash-").FullName;
        var prefix = $"CR{Guid.NewGuid():N}"[..10];
        var settings = new Dictionary<string, string> { ["History__Store"] = "sqlite" };
        var sqlite = HistoryProbe.SqlitePath(dataDirectory);
        HostProcess? first = null;
        HostProcess? second = null;
        TestFleet? fleet = null;
        var watch = Stopwatch.StartNew();
        try
        {
            first = await HostProcess.StartAsync(settings, dataDirectory);
            var port = first.MqttPort;
            fleet = new TestFleet(() => Volatile.Read(ref port), "crash", prefix, Enumerable.Repeat(RateHz, Devices).ToList());
            fleet.Start();
            var fleetStarted = watch.Elapsed;
            await Task.Delay(BeforeKill);

            // Crash. Whatever a device was told is durable must come back without the device's help.
            await first.KillAndWaitAsync();
            var killedAt = watch.Elapsed;
            // PUBACKs the dead broker sent may still sit in the devices' sockets: let the clients read them.
            await Task.Delay(300);
            var ackedBeforeKill = fleet.AckedSnapshot();
            var sentBeforeKill = fleet.SentCount;
            output.WriteLine($"killed the host after {(killedAt - fleetStarted).TotalSeconds:F1} s of publishing: " +
                $"{sentBeforeKill} frames sent, {ackedBeforeKill.Count} acknowledged");

            // New process, same data folder (journal, cursors, SQLite file). The devices still knock on the old port.
            second = await HostProcess.StartAsync(settings, dataDirectory);
            var restarted = watch.Elapsed - killedAt;
            var recovered = await HistoryProbe.WaitForHistoryCaughtUp(second, CatchUp);
            var journal = recovered.GetProperty("journal");
            output.WriteLine($"new host ready {restarted.TotalSeconds:F1} s after the kill; history caught up " +
                $"{(watch.Elapsed - killedAt - restarted).TotalSeconds:F1} s later; journal at start: torn tails cut {journal.GetProperty("truncatedTails")}, " +
                $"{journal.GetProperty("truncatedTailBytes")} bytes");

            var storedBeforeResend = HistoryProbe.ReadSqlite(sqlite, prefix).Select(p => new FrameKey(p.DeviceId, p.Seq)).ToHashSet();
            var lost = ackedBeforeKill.Where(k => !storedBeforeResend.Contains(k)).OrderBy(k => k.DeviceId).ThenBy(k => k.Seq).ToList();
            output.WriteLine($"in history after the restart, before any device reconnected: {storedBeforeResend.Count} frames " +
                $"({storedBeforeResend.Count - ackedBeforeKill.Count(storedBeforeResend.Contains)} of them journaled but not acknowledged)");
            Assert.True(lost.Count == 0,
                $"{lost.Count} frames acknowledged before the kill are not in history: {string.Join(", ", lost.Take(20))}\n" +
                $"--- first host ---\n{first.Output}\n--- second host ---\n{second.Output}");

            // The devices reconnect to the new port, resend what was not acknowledged and carry on.
            Volatile.Write(ref port, second.MqttPort);
            var resumedAt = watch.Elapsed;
            var reconnected = await Until(() => fleet.ConnectedTo(second.MqttPort) == Devices, TimeSpan.FromSeconds(10));
            Assert.True(reconnected is not null, $"not every device reconnected within 10 s\n{fleet.Describe()}\n--- second host ---\n{second.Output}");
            // Information only: on a busy machine the devices may not keep their schedule at all.
            var backlogSent = await Until(() => fleet.SentCount >= (watch.Elapsed - fleetStarted).TotalSeconds * RateHz * Devices * 0.95,
                AfterRestart);
            output.WriteLine($"all devices reconnected {reconnected.Value.TotalSeconds:F1} s after the switch to the new port; " +
                $"{(backlogSent is { } b ? $"back on their schedule (95 %) {b.TotalSeconds:F1} s after it" : $"not back on their schedule (95 %) within {AfterRestart.TotalSeconds} s")}");
            var left = AfterRestart - (watch.Elapsed - resumedAt);
            if (left > TimeSpan.Zero) await Task.Delay(left);
            await fleet.StopAsync(finishWithin: TimeSpan.FromSeconds(15));
            output.WriteLine(fleet.Describe());
            output.WriteLine($"stopped {(watch.Elapsed - resumedAt).TotalSeconds:F1} s after the switch");

            var sent = fleet.SentSnapshot();
            var acked = fleet.AckedSnapshot();
            Assert.True(acked.SetEquals(sent.Keys), $"{sent.Count - acked.Count} frames sent were never acknowledged\n{fleet.Describe()}");

            List<StoredPoint> rows = [];
            await HistoryProbe.WaitForHistoryCaughtUp(second, CatchUp, async () =>
            {
                rows = HistoryProbe.ReadSqlite(sqlite, prefix);
                return await Task.FromResult(rows.Count >= sent.Count);
            });
            output.WriteLine($"sent {sent.Count}, acknowledged before the kill {ackedBeforeKill.Count}, acknowledged in all {acked.Count}, " +
                $"stored {rows.Count} rows ({rows.Select(r => (r.DeviceId, r.TimestampMs)).Distinct().Count()} distinct (device, ts)); " +
                $"failed publish attempts {fleet.FailedAttempts}, connects {fleet.Connects}");

            FrameAssert.StoredExactlyOnce(sent, rows);

            // And through the contract: the history API counts every frame of each patient.
            var from = DateTimeOffset.FromUnixTimeMilliseconds(sent.Values.Min(f => f.TimestampMs));
            var to = DateTimeOffset.FromUnixTimeMilliseconds(sent.Values.Max(f => f.TimestampMs) + 1);
            foreach (var device in fleet.Devices)
            {
                Assert.Equal(device.SentCount, await HistoryProbe.ApiCount(second, device.PatientId, from, to));
            }
        }
        finally
        {
            if (fleet is not null) await fleet.DisposeAsync();
            if (first is not null) await first.DisposeAsync();
            if (second is not null) await second.DisposeAsync();
            Directory.Delete(dataDirectory, recursive: true);
            output.WriteLine($"test took {watch.Elapsed.TotalSeconds:F1} s");
        }
    }

    /// <summary>Waits (bounded) until <paramref name="condition"/> holds: how long that took, or null if it did not within the time.</summary>
    private static async Task<TimeSpan?> Until(Func<bool> condition, TimeSpan within)
    {
        var watch = Stopwatch.StartNew();
        while (!condition())
        {
            if (watch.Elapsed >= within) return null;
            await Task.Delay(20);
        }
        return watch.Elapsed;
    }
}
