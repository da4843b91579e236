namespace Emergency.Domain.Vitals;

/// <summary>
/// A rolling window of the frames received for one patient, ordered by measurement time (late frames are inserted
/// in place). Holds at least <see cref="Retention"/> of data before the newest sample; older samples are trimmed in
/// chunks so the trim cost is spread over many appends.
/// </summary>
public sealed class VitalsWindow
{
    private static readonly TimeSpan TrimSlack = TimeSpan.FromMinutes(5);
    private readonly List<VitalsSample> _samples = [];

    public VitalsWindow(TimeSpan retention)
    {
        if (retention <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(retention), retention, "retention must be positive");
        }
        Retention = retention;
    }

    public TimeSpan Retention { get; }

    public int Count => _samples.Count;

    public IReadOnlyList<VitalsSample> Samples => _samples;

    public void Add(DateTimeOffset measuredAt, in VitalSigns vitals)
    {
        var sample = VitalsSample.From(measuredAt, vitals);
        if (_samples.Count == 0 || sample.TimestampMs >= _samples[^1].TimestampMs)
        {
            _samples.Add(sample);
        }
        else
        {
            var at = UpperBound(sample.TimestampMs);
            if (at == 0 && sample.TimestampMs < _samples[^1].TimestampMs - (long)Retention.TotalMilliseconds)
            {
                return; // older than the window: it belongs to history only
            }
            _samples.Insert(at, sample);
        }
        TrimIfDue();
    }

    /// <summary>Samples measured at or after <paramref name="from"/>, oldest first.</summary>
    public IEnumerable<VitalsSample> Since(DateTimeOffset from)
    {
        var fromMs = from.ToUnixTimeMilliseconds();
        for (var i = LowerBound(fromMs); i < _samples.Count; i++)
        {
            yield return _samples[i];
        }
    }

    private void TrimIfDue()
    {
        var newest = _samples[^1].TimestampMs;
        var keepFrom = newest - (long)Retention.TotalMilliseconds;
        if (_samples[0].TimestampMs >= keepFrom - (long)TrimSlack.TotalMilliseconds)
        {
            return;
        }
        _samples.RemoveRange(0, LowerBound(keepFrom));
    }

    private int LowerBound(long tsMs)
    {
        int lo = 0, hi = _samples.Count;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (_samples[mid].TimestampMs < tsMs) lo = mid + 1; else hi = mid;
        }
        return lo;
    }

    private int UpperBound(long tsMs)
    {
        int lo = 0, hi = _samples.Count;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (_samples[mid].TimestampMs <= tsMs) lo = mid + 1; else hi = mid;
        }
        return lo;
    }
}
