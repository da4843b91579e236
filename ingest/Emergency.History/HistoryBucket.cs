namespace Emergency.History;

/// <summary>
/// The aggregates of one time bucket: points with <see cref="Start"/> ≤ time &lt; <see cref="Start"/> + step
/// (clipped to the query's range). A parameter is null when no point of the bucket carried it.
/// </summary>
public sealed record HistoryBucket(
    DateTimeOffset Start,
    ParameterStats? Hr,
    ParameterStats? Rr,
    ParameterStats? Spo2,
    ParameterStats? Sbp,
    ParameterStats? Dbp,
    ParameterStats? Temp,
    ParameterStats? News2)
{
    internal bool IsEmpty => Hr is null && Rr is null && Spo2 is null && Sbp is null && Dbp is null
        && Temp is null && News2 is null;
}
