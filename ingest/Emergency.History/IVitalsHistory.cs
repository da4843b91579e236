namespace Emergency.History;

/// <summary>
/// Long-term store of accepted vitals frames. Implementations are safe for concurrent use.
/// </summary>
public interface IVitalsHistory
{
    /// <summary>
    /// Stores <paramref name="points"/>. Idempotent: a point written again (same series and device timestamp)
    /// overwrites the stored one, so a batch may be replayed after a crash.
    /// Returns only when every point is stored or, for a point the database rejects as malformed, recorded in the
    /// store's dead-letter file. Throws when that cannot be done now (database down, timeouts): the caller keeps its
    /// position and writes the batch again later.
    /// </summary>
    /// <exception cref="ArgumentException">A point lacks its patient or device id.</exception>
    /// <exception cref="HistoryStoreException">The points could not be stored now.</exception>
    Task WriteAsync(IReadOnlyList<VitalsPoint> points, CancellationToken cancellationToken = default);

    /// <summary>
    /// Mean, min, max and count of each numeric parameter (hr, rr, spo2, sbp, dbp, temp, news2) for
    /// <paramref name="patientId"/> over [<paramref name="from"/>, <paramref name="to"/>), in buckets of
    /// <paramref name="step"/> aligned to the Unix epoch. See <see cref="HistorySeries"/>.
    /// </summary>
    /// <exception cref="ArgumentException">
    /// <paramref name="from"/> is not before <paramref name="to"/>, <paramref name="step"/> is not a positive whole
    /// number of milliseconds, or the range holds more than <see cref="HistoryQuery.MaxBuckets"/> buckets.
    /// </exception>
    Task<HistorySeries> QueryAsync(
        string patientId, DateTimeOffset from, DateTimeOffset to, TimeSpan step, CancellationToken cancellationToken = default);

    /// <summary>Number of stored points of <paramref name="patientId"/> with <paramref name="from"/> ≤ time &lt; <paramref name="to"/>.</summary>
    Task<long> CountAsync(string patientId, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken = default);
}
