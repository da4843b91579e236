namespace Emergency.History;

/// <summary>
/// Downsampled history of one patient over [<see cref="From"/>, <see cref="To"/>).
/// Buckets start at whole multiples of <see cref="Step"/> since the Unix epoch, so the first and the last bucket may be
/// only partly inside the range (only points inside the range are counted). Buckets without any numeric value are
/// omitted; <see cref="Buckets"/> is ordered by start time.
/// </summary>
public sealed record HistorySeries(
    string PatientId,
    DateTimeOffset From,
    DateTimeOffset To,
    TimeSpan Step,
    IReadOnlyList<HistoryBucket> Buckets);
