using System.Diagnostics.Metrics;

namespace Emergency.Handover.Delivery;

/// <summary>Meter <c>Emergency.Handover</c>: versions made, deliveries, retries, failures, refused requests.</summary>
public sealed class HandoverMetrics : IDisposable
{
    public const string MeterName = "Emergency.Handover";
    private readonly Meter _meter = new(MeterName);

    public HandoverMetrics()
    {
        Versions = _meter.CreateCounter<long>("emergency.handover.versions", description: "handover record versions made");
        Delivered = _meter.CreateCounter<long>("emergency.handover.delivered", description: "versions accepted by the receiving hospital");
        Retries = _meter.CreateCounter<long>("emergency.handover.retries", description: "attempts retried after a server error or no answer");
        Failed = _meter.CreateCounter<long>("emergency.handover.failed", description: "versions given up after the last attempt or refused by the receiver");
        Refused = _meter.CreateCounter<long>("emergency.handover.refused", description: "requests for a new version refused because the queue was full");
    }

    public Counter<long> Versions { get; }
    public Counter<long> Delivered { get; }
    public Counter<long> Retries { get; }
    public Counter<long> Failed { get; }
    public Counter<long> Refused { get; }

    public void Dispose() => _meter.Dispose();
}
