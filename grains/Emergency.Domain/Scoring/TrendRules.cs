using System.Buffers;
using System.Collections.Immutable;
using Emergency.Domain.Vitals;

namespace Emergency.Domain.Scoring;

/// <summary>
/// Deterioration over time: a rising NEWS2 total, and sustained single-parameter trends (SpO2 falling, heart rate
/// rising, systolic pressure falling). Pure functions of a series and a time; thresholds in <see cref="TrendOptions"/>.
/// </summary>
/// <remarks>
/// <para>
/// NEWS2. The series is a step function: each <see cref="News2Point"/> holds until the next. The value at the start of
/// a window is the last point at or before it. Only points scored on the same parameters as the latest one are
/// compared (see <see cref="News2Point"/>). The rise within a window is the latest total minus the lowest comparable
/// total in effect at any time in the window, so a rise counts however the score moved before it.
/// </para>
/// <para>
/// Vital signs. "Falling" (or rising) means the median of the readings in the last <see cref="TrendOptions.EdgeSpan"/>
/// of the window differs from the median of those in the first <see cref="TrendOptions.EdgeSpan"/> by at least the
/// threshold, with at least <see cref="TrendOptions.MinEdgeSamples"/> readings in each segment. Medians shrug off
/// single artefacts (a motion spike, one dropped reading), and a median over the end segment only moves once at least
/// half of that segment's readings have moved: the change is sustained, not a blip. Readings that can only be
/// artefacts are ignored: SpO2 probe-off readings (<see cref="Spo2ProbeOff"/>) and non-finite values.
/// </para>
/// </remarks>
public static class TrendRules
{
    /// <summary>
    /// NEWS2 change over <paramref name="window"/>: the latest total at or before <paramref name="now"/> minus the
    /// total in effect at now − window. Null when there is no point at or before the window start, or it was scored on
    /// other parameters than the latest.
    /// </summary>
    public static int? News2Change(IReadOnlyList<News2Point> series, DateTimeOffset now, TimeSpan window)
    {
        ArgumentNullException.ThrowIfNull(series);
        int latest = LastAtOrBefore(series, now);
        if (latest < 0) return null;
        int baseline = LastAtOrBefore(series, now - window);
        if (baseline < 0 || series[baseline].KnownParameters != series[latest].KnownParameters) return null;
        return series[latest].Total - series[baseline].Total;
    }

    /// <summary>
    /// The rise of NEWS2 within <paramref name="window"/>: the latest total minus the lowest comparable total in effect
    /// during (now − window, now]. Zero when nothing comparable preceded the latest point; null for an empty series.
    /// </summary>
    /// <param name="series">NEWS2 points, oldest first (<see cref="News2Series.Points"/>).</param>
    /// <param name="now">End of the window; later points are ignored.</param>
    /// <param name="window">The window length.</param>
    /// <param name="lowest">The lowest comparable total (the latest total when the rise is 0).</param>
    public static int? News2Rise(IReadOnlyList<News2Point> series, DateTimeOffset now, TimeSpan window, out int lowest)
    {
        ArgumentNullException.ThrowIfNull(series);
        lowest = 0;
        int latest = LastAtOrBefore(series, now);
        if (latest < 0) return null;

        var mask = series[latest].KnownParameters;
        lowest = series[latest].Total;
        int first = Math.Max(LastAtOrBefore(series, now - window), 0);
        for (int i = first; i < latest; i++)
        {
            if (series[i].KnownParameters == mask && series[i].Total < lowest) lowest = series[i].Total;
        }
        return series[latest].Total - lowest;
    }

    /// <summary>
    /// The medians of one vital sign at the start and the end of the window [now − window, now]: the start segment is
    /// [now − window, now − window + edgeSpan), the end segment (now − edgeSpan, now]. Null when either segment has
    /// fewer than <paramref name="minEdgeSamples"/> usable readings.
    /// </summary>
    /// <param name="samples">Samples ordered by time, oldest first (<see cref="VitalsWindow.Samples"/>).</param>
    /// <param name="parameter"><see cref="VitalParameter.Hr"/>, <see cref="VitalParameter.Rr"/>,
    /// <see cref="VitalParameter.Spo2"/>, <see cref="VitalParameter.Sbp"/>, <see cref="VitalParameter.Dbp"/> or
    /// <see cref="VitalParameter.Temp"/>.</param>
    /// <param name="now">End of the window; later samples are ignored.</param>
    /// <param name="window">The window length.</param>
    /// <param name="edgeSpan">Length of each segment; at most half the window.</param>
    /// <param name="minEdgeSamples">Fewest readings per segment.</param>
    /// <exception cref="ArgumentOutOfRangeException">A non-numeric parameter, or inconsistent spans.</exception>
    public static ParameterTrend? Compare(
        IReadOnlyList<VitalsSample> samples, VitalParameter parameter, DateTimeOffset now,
        TimeSpan window, TimeSpan edgeSpan, int minEdgeSamples)
    {
        ArgumentNullException.ThrowIfNull(samples);
        if (parameter is not (VitalParameter.Hr or VitalParameter.Rr or VitalParameter.Spo2 or VitalParameter.Sbp
            or VitalParameter.Dbp or VitalParameter.Temp))
        {
            throw new ArgumentOutOfRangeException(nameof(parameter), parameter, "Not a numeric vital sign.");
        }
        if (edgeSpan <= TimeSpan.Zero || edgeSpan + edgeSpan > window)
        {
            throw new ArgumentOutOfRangeException(nameof(edgeSpan), edgeSpan, "Must be positive and at most half the window.");
        }
        ArgumentOutOfRangeException.ThrowIfLessThan(minEdgeSamples, 1);

        // Both segments the same length, never overlapping; the end one includes the newest reading.
        long nowMs = now.ToUnixTimeMilliseconds();
        long startMs = (now - window).ToUnixTimeMilliseconds();
        long startEndMs = (now - window + edgeSpan).ToUnixTimeMilliseconds();
        long endStartMs = (now - edgeSpan).ToUnixTimeMilliseconds();

        // Only the two segments are read; their readings are sorted in a buffer that is reused, not allocated.
        int firstFrom = LowerBound(samples, startMs);
        int firstTo = Math.Max(firstFrom, LowerBound(samples, startEndMs));
        int lastTo = UpperBound(samples, nowMs);
        int lastFrom = Math.Min(Math.Max(firstTo, UpperBound(samples, endStartMs)), lastTo);
        if (firstTo - firstFrom < minEdgeSamples || lastTo - lastFrom < minEdgeSamples) return null;

        double[] buffer = ArrayPool<double>.Shared.Rent(Math.Max(firstTo - firstFrom, lastTo - lastFrom));
        try
        {
            int firstCount = Readings(samples, parameter, firstFrom, firstTo, buffer);
            if (firstCount < minEdgeSamples) return null;
            double start = Median(buffer.AsSpan(0, firstCount));
            int lastCount = Readings(samples, parameter, lastFrom, lastTo, buffer);
            if (lastCount < minEdgeSamples) return null;
            return new ParameterTrend(start, Median(buffer.AsSpan(0, lastCount)), firstCount, lastCount);
        }
        finally
        {
            ArrayPool<double>.Shared.Return(buffer);
        }
    }

    /// <summary>The usable readings of samples [from, to) into <paramref name="into"/>; returns how many.</summary>
    private static int Readings(IReadOnlyList<VitalsSample> samples, VitalParameter parameter, int from, int to, double[] into)
    {
        int count = 0;
        for (int i = from; i < to; i++)
        {
            if (Reading(samples[i], parameter) is { } value) into[count++] = value;
        }
        return count;
    }

    /// <summary>Measures every trend and applies every rule of <paramref name="options"/> at <paramref name="now"/>.</summary>
    /// <param name="news2">The patient's NEWS2 series (<see cref="News2Series.Points"/>), oldest first.</param>
    /// <param name="samples">The patient's raw samples (<see cref="VitalsWindow.Samples"/>), oldest first.</param>
    /// <param name="now">The time to judge at.</param>
    /// <param name="options">Thresholds and windows; <see cref="TrendOptions.Default"/> when null.</param>
    /// <exception cref="ArgumentException">The options are inconsistent.</exception>
    public static TrendAssessment Evaluate(
        IReadOnlyList<News2Point> news2, IReadOnlyList<VitalsSample> samples, DateTimeOffset now,
        TrendOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(news2);
        ArgumentNullException.ThrowIfNull(samples);
        options ??= TrendOptions.Default;
        options.EnsureValid();

        // Findings are rare: nothing is allocated for them on a frame that has none.
        var findings = ImmutableArray<TrendFinding>.Empty;

        if (News2Rise(news2, now, options.RisingWindow, out int lowest) is int rise && rise >= options.RisingDelta)
        {
            findings = findings.Add(new TrendFinding(TrendKind.News2Rising, lowest, lowest + rise, options.RisingWindow));
        }

        var spo2 = Compare(samples, VitalParameter.Spo2, now, options.Spo2Window, options.EdgeSpan, options.MinEdgeSamples);
        if (spo2 is { } s && -s.Change >= options.Spo2Drop)
        {
            findings = findings.Add(new TrendFinding(TrendKind.Spo2Falling, s.Start, s.End, options.Spo2Window));
        }

        var hr = Compare(samples, VitalParameter.Hr, now, options.HrWindow, options.EdgeSpan, options.MinEdgeSamples);
        if (hr is { } h && h.Change >= options.HrRise)
        {
            findings = findings.Add(new TrendFinding(TrendKind.HrRising, h.Start, h.End, options.HrWindow));
        }

        var sbp = Compare(samples, VitalParameter.Sbp, now, options.SbpWindow, options.SbpEdgeSpan, options.SbpMinEdgeSamples);
        if (sbp is { } b && -b.Change >= options.SbpDrop)
        {
            findings = findings.Add(new TrendFinding(TrendKind.SbpFalling, b.Start, b.End, options.SbpWindow));
        }

        return new TrendAssessment
        {
            News2ChangeShort = News2Change(news2, now, options.News2ShortWindow),
            News2ChangeLong = News2Change(news2, now, options.News2LongWindow),
            Spo2 = spo2,
            Hr = hr,
            Sbp = sbp,
            Findings = findings,
        };
    }

    private static double? Reading(in VitalsSample sample, VitalParameter parameter)
    {
        float value = parameter switch
        {
            VitalParameter.Hr => sample.Hr,
            VitalParameter.Rr => sample.Rr,
            VitalParameter.Spo2 => sample.Spo2,
            VitalParameter.Sbp => sample.Sbp,
            VitalParameter.Dbp => sample.Dbp,
            _ => sample.Temp,
        };
        if (!float.IsFinite(value)) return null;
        if (parameter == VitalParameter.Spo2 && Spo2ProbeOff.Is(value)) return null;
        return value;
    }

    private static double Median(Span<double> values)
    {
        values.Sort();
        int mid = values.Length / 2;
        return values.Length % 2 == 1 ? values[mid] : (values[mid - 1] + values[mid]) / 2;
    }

    private static int LastAtOrBefore(IReadOnlyList<News2Point> series, DateTimeOffset at)
    {
        int lo = 0, hi = series.Count;
        while (lo < hi)
        {
            int mid = (lo + hi) >>> 1;
            if (series[mid].At <= at) lo = mid + 1; else hi = mid;
        }
        return lo - 1;
    }

    private static int LowerBound(IReadOnlyList<VitalsSample> samples, long tsMs)
    {
        int lo = 0, hi = samples.Count;
        while (lo < hi)
        {
            int mid = (lo + hi) >>> 1;
            if (samples[mid].TimestampMs < tsMs) lo = mid + 1; else hi = mid;
        }
        return lo;
    }

    private static int UpperBound(IReadOnlyList<VitalsSample> samples, long tsMs)
    {
        int lo = 0, hi = samples.Count;
        while (lo < hi)
        {
            int mid = (lo + hi) >>> 1;
            if (samples[mid].TimestampMs <= tsMs) lo = mid + 1; else hi = mid;
        }
        return lo;
    }
}
