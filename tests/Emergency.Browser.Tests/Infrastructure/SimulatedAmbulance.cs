using System.Globalization;
using System.Net.Http.Json;
using Emergency.EndToEnd.Tests.Infrastructure;
using MQTTnet;

namespace Emergency.Browser.Tests.Infrastructure;

/// <summary>
/// An ambulance monitor and GPS on a real MQTT connection (its own client id), carrying one patient: numbers its
/// frames, stamps them with strictly increasing times, and fails the test on any refusal.
/// </summary>
public sealed class SimulatedAmbulance : IAsyncDisposable
{
    private readonly TestDevice _device;
    private long _seq;
    private DateTimeOffset _lastTs = DateTimeOffset.MinValue;

    private SimulatedAmbulance(TestDevice device, string region, string unitId, string patientId)
    {
        _device = device;
        Region = region;
        UnitId = unitId;
        PatientId = patientId;
    }

    public string Region { get; }
    public string UnitId { get; }
    public string PatientId { get; }

    /// <summary>
    /// Unique ids per test: <c>{prefix}-AMB-xxxx</c> and <c>{prefix}-P-xxxx</c>. The unit reports its first GPS fix at
    /// once (the service knows a unit from its position or status reports).
    /// </summary>
    public static async Task<SimulatedAmbulance> ConnectAsync(HostProcess host, string prefix, double lat = 31.20, double lon = 121.45,
        string region = "sh")
    {
        var suffix = Guid.NewGuid().ToString("N")[..6].ToUpperInvariant();
        var unitId = $"{prefix}-AMB-{suffix}";
        var ambulance = new SimulatedAmbulance(await TestDevice.ConnectAsync(host.MqttPort, unitId), region, unitId, $"{prefix}-P-{suffix}");
        await ambulance.PositionAsync(lat, lon);
        return ambulance;
    }

    /// <summary>The same unit and patient on another (restarted) host: the seq counter carries on.</summary>
    public async Task<SimulatedAmbulance> ReconnectAsync(HostProcess host)
    {
        await _device.DisposeAsync();
        return new SimulatedAmbulance(await TestDevice.ConnectAsync(host.MqttPort, UnitId), Region, UnitId, PatientId)
        {
            _seq = _seq,
            _lastTs = _lastTs,
        };
    }

    public Task PositionAsync(double lat, double lon, DateTimeOffset? ts = null) =>
        PublishAsync("position", string.Create(CultureInfo.InvariantCulture,
            $"{{\"seq\":{++_seq},\"ts\":\"{Stamp(ts):yyyy-MM-ddTHH:mm:ss.fffZ}\",\"lat\":{lat},\"lon\":{lon},\"speedKmh\":40,\"heading\":90}}"));

    /// <summary>One vitals frame, e.g. <see cref="BandVitals.Low"/>; <paramref name="ts"/> defaults to now.</summary>
    public Task VitalsAsync(string vitals, DateTimeOffset? ts = null) =>
        PublishAsync("vitals", Json.VitalsFrame(PatientId, ++_seq, Stamp(ts), vitals));

    /// <summary>The same vitals <paramref name="frames"/> times: a new NEWS2 band counts once it has held for 3 frames.</summary>
    public async Task HoldVitalsAsync(string vitals, int frames = 3)
    {
        for (var i = 0; i < frames; i++) await VitalsAsync(vitals);
    }

    /// <summary>The dispatcher's decision over HTTP; the receiving ED board is told at once.</summary>
    public async Task SendToAsync(HostProcess host, string hospitalId, string by = "dispatcher.li")
    {
        using var response = await host.Http.PutAsJsonAsync($"/api/ambulances/{UnitId}/destination",
            new { hospitalId, patientId = PatientId, by });
        Assert.True(response.IsSuccessStatusCode,
            $"PUT destination {UnitId} → {hospitalId}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    private DateTimeOffset Stamp(DateTimeOffset? ts)
    {
        var at = ts ?? DateTimeOffset.UtcNow;
        // Frames published back to back still carry distinct, increasing measurement times.
        if (ts is null && at <= _lastTs) at = _lastTs.AddMilliseconds(1);
        _lastTs = at > _lastTs ? at : _lastTs;
        return at;
    }

    private async Task PublishAsync(string kind, string payload)
    {
        var topic = $"ems/{Region}/ambulance/{UnitId}/{kind}";
        var result = await _device.PublishAsync(topic, payload);
        Assert.True(result.ReasonCode == MqttClientPublishReasonCode.Success,
            $"{topic} refused: {result.ReasonCode} {result.ReasonString}\n{payload}");
    }

    /// <summary>One binary ECG frame on <c>…/ecg</c>; true when acknowledged.</summary>
    public async Task<bool> EcgAsync(byte[] frame) =>
        (await _device.PublishAsync($"ems/{Region}/ambulance/{UnitId}/ecg", frame)).IsSuccess;

    public ValueTask DisposeAsync() => _device.DisposeAsync();
}
