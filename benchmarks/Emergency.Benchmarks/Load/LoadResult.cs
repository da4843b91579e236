namespace Emergency.Benchmarks.Load;

/// <summary>One measured step against one target. Rates are per second of the measured part; CPU in % of one core.</summary>
public sealed record LoadResult(
    string Target,
    int Devices,
    int Connections,
    double OfferedRate,
    double MeasuredSeconds,
    long Sent,
    long Acked,
    long Refused,
    long Failed,
    long Unanswered,
    long? AppliedByTarget,
    long Delivered,
    long Lost,
    int LastFrameNotDelivered,
    int ApiSpotChecks,
    int ApiSpotCheckMismatches,
    double AckedPerSecond,
    double? AppliedPerSecond,
    double DeliveredPerSecond,
    LatencySummary Ack,
    string DeliveryWhat,
    LatencySummary Delivery,
    double? TargetCpuPercent,
    long? TargetRssBytes,
    long? TargetPeakRssBytes,
    long? GcPauses,
    double? GcPauseMaxMs,
    double? GcPauseTotalMs,
    double HarnessCpuPercent)
{
    /// <summary>Seconds to get every device's first frame acknowledged (grain activation), before the measured steps.</summary>
    public double ActivationSeconds { get; init; }

    /// <summary>A find-max step holds when nothing was lost, p99 stayed under the limit and the rate was kept up.</summary>
    public bool Holds(double maxP99Ms) =>
        Lost == 0 && Ack.P99 is { } p99 && p99 <= maxP99Ms && AckedPerSecond >= 0.95 * OfferedRate
        && (Delivery.P99 is not { } d || d <= maxP99Ms * 2);
}
