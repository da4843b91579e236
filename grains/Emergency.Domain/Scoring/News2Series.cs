namespace Emergency.Domain.Scoring;

/// <summary>
/// The recent NEWS2 totals of one patient, oldest first, for <see cref="TrendRules"/>. A point holds until the next
/// one, so a point equal to the one before it (same total, same parameters) is not stored: the series changes only
/// when the score does, however often it is computed.
/// </summary>
/// <remarks>
/// Keeps at least <see cref="Retention"/> before the newest point, plus the last point before that: the value in
/// effect when the retained span begins, which a window starting there needs as its baseline. Retention must cover
/// the longest trend window (<see cref="TrendOptions.News2LongWindow"/>, <see cref="TrendOptions.RisingWindow"/>).
/// Not thread-safe: meant to live inside one grain.
/// </remarks>
[GenerateSerializer, Alias("Emergency.News2Series")]
public sealed class News2Series
{
    /// <summary>Default retention: twice the default 15-minute windows.</summary>
    public static readonly TimeSpan DefaultRetention = TimeSpan.FromMinutes(30);

    [Id(0)] private readonly List<News2Point> _points = [];

    public News2Series()
        : this(DefaultRetention)
    {
    }

    /// <param name="retention">How much history to keep; positive.</param>
    public News2Series(TimeSpan retention)
    {
        if (retention <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(retention), retention, "retention must be positive");
        }
        Retention = retention;
    }

    [Id(1)] public TimeSpan Retention { get; private set; }

    /// <summary>The stored points, oldest first.</summary>
    public IReadOnlyList<News2Point> Points => _points;

    /// <summary>Records a score computed at <paramref name="at"/>; see <see cref="Add(News2Point)"/>.</summary>
    public bool Add(DateTimeOffset at, in News2Result result) => Add(News2Point.From(at, result));

    /// <summary>
    /// Records a point. Returns false when it was not stored: it repeats the point in effect at its time, or it is
    /// older than the retained span. A late point is inserted in time order.
    /// </summary>
    public bool Add(News2Point point)
    {
        int at = UpperBound(point.At);
        if (at > 0 && SameScore(_points[at - 1], point)) return false;
        if (_points.Count > 0 && point.At < _points[^1].At - Retention) return false;

        _points.Insert(at, point);
        if (at < _points.Count - 1 && SameScore(_points[at + 1], point))
        {
            _points.RemoveAt(at + 1); // the later twin added nothing once this point holds before it
        }
        Trim();
        return true;
    }

    private static bool SameScore(News2Point a, News2Point b) =>
        a.Total == b.Total && a.KnownParameters == b.KnownParameters;

    private void Trim()
    {
        var keepFrom = _points[^1].At - Retention;
        int firstKept = UpperBound(keepFrom) - 1; // the point in effect at keepFrom
        if (firstKept > 0) _points.RemoveRange(0, firstKept);
    }

    private int UpperBound(DateTimeOffset at)
    {
        int lo = 0, hi = _points.Count;
        while (lo < hi)
        {
            int mid = (lo + hi) >>> 1;
            if (_points[mid].At <= at) lo = mid + 1; else hi = mid;
        }
        return lo;
    }
}
