using System.Buffers;
using System.Runtime.InteropServices;
using Emergency.Domain.Scoring;
using Emergency.Domain.Vitals;

namespace Emergency.Domain.Risk;

/// <summary>
/// Builds the deterioration-risk features (<see cref="RiskFeatures"/>) for one moment from a patient's rolling
/// window. The one builder used both to train the model and to serve it, so both see the same numbers.
/// </summary>
/// <remarks>
/// <para>
/// Only samples measured at or before the moment count, and only the last <see cref="Lookback"/> of them. Missing data
/// stays missing: a parameter with no reading gives NaN for its value, slopes and variability (the tree model treats
/// NaN as "unknown"), never a made-up zero.
/// </para>
/// <list type="bullet">
/// <item>value: the newest reading; seconds since last: how old it is.</item>
/// <item>slopes (per minute): least squares over the readings of the last 5 and 15 minutes; NaN with fewer than two
/// readings or when they span less than <see cref="MinSlopeSpan"/> (irregular sampling is handled by the times).</item>
/// <item>variability: sample standard deviation over 15 minutes; NaN with fewer than three readings.</item>
/// <item>NEWS2: scored from each parameter's newest reading no older than <see cref="News2Freshness"/>, and its change
/// against the same score 15 minutes earlier.</item>
/// </list>
/// Allocation-free: the caller owns the destination span. The scan goes back from the moment and stops once every
/// parameter's newest reading is found and it is past what the slopes and the earlier NEWS2 need (30 minutes).
/// </remarks>
public static class RiskFeatureBuilder
{
    /// <summary>How far back the builder looks.</summary>
    public static readonly TimeSpan Lookback = TimeSpan.FromMinutes(60);

    /// <summary>A reading older than this does not count towards NEWS2 (ambulance blood pressure cycles are slow).</summary>
    public static readonly TimeSpan News2Freshness = TimeSpan.FromMinutes(15);

    /// <summary>Readings must span at least this for a slope.</summary>
    public static readonly TimeSpan MinSlopeSpan = TimeSpan.FromMinutes(1);

    private const long ShortMs = 5 * 60_000, LongMs = 15 * 60_000;

    /// <summary>Fills <paramref name="features"/> (length <see cref="RiskFeatures.Count"/>) for the moment <paramref name="atMs"/>.</summary>
    /// <param name="samples">The window, oldest first (<see cref="VitalsWindow.Samples"/>).</param>
    public static void Build(IReadOnlyList<VitalsSample> samples, in RiskContext context, long atMs, Span<float> features)
    {
        ArgumentNullException.ThrowIfNull(samples);
        if (samples is List<VitalsSample> list)
        {
            Build(CollectionsMarshal.AsSpan(list), context, atMs, features);
            return;
        }
        // Another list type: copy the samples that can count into a pooled buffer (no allocation once warm).
        var end = UpperBound(samples, atMs);
        var start = end;
        var fromMs = atMs - (long)Lookback.TotalMilliseconds;
        while (start > 0 && samples[start - 1].TimestampMs >= fromMs) start--;
        var buffer = ArrayPool<VitalsSample>.Shared.Rent(Math.Max(1, end - start));
        try
        {
            for (var i = start; i < end; i++) buffer[i - start] = samples[i];
            Build(buffer.AsSpan(0, end - start), context, atMs, features);
        }
        finally
        {
            ArrayPool<VitalsSample>.Shared.Return(buffer);
        }
    }

    /// <summary>As <see cref="Build(IReadOnlyList{VitalsSample}, in RiskContext, long, Span{float})"/>, over samples oldest first.</summary>
    public static void Build(ReadOnlySpan<VitalsSample> samples, in RiskContext context, long atMs, Span<float> features)
    {
        if (features.Length != RiskFeatures.Count)
        {
            throw new ArgumentException($"needs exactly {RiskFeatures.Count} features (was {features.Length})", nameof(features));
        }

        Span<Fit> shortFit = stackalloc Fit[RiskFeatures.ParameterCount];
        Span<Fit> longFit = stackalloc Fit[RiskFeatures.ParameterCount];
        Span<float> last = stackalloc float[RiskFeatures.ParameterCount];
        Span<long> lastAt = stackalloc long[RiskFeatures.ParameterCount];
        Span<float> earlier = stackalloc float[RiskFeatures.ParameterCount];
        Span<long> earlierAt = stackalloc long[RiskFeatures.ParameterCount];
        last.Fill(float.NaN);
        earlier.Fill(float.NaN);
        sbyte acvpu = -1, o2 = -1, scale = -1, earlierAcvpu = -1, earlierO2 = -1;

        var fromMs = atMs - (long)Lookback.TotalMilliseconds;
        var earlierMs = atMs - LongMs;
        var missingLast = RiskFeatures.ParameterCount;
        for (var i = UpperBound(samples, atMs) - 1; i >= 0; i--)
        {
            ref readonly var s = ref samples[i];
            if (s.TimestampMs < fromMs) break;
            var age = atMs - s.TimestampMs;
            if (age > 2 * LongMs && missingLast == 0 && acvpu >= 0 && o2 >= 0 && scale >= 0) break; // nothing left to find
            var minutes = -age / 60_000.0;
            for (var p = 0; p < RiskFeatures.ParameterCount; p++)
            {
                var v = Value(s, p);
                if (float.IsNaN(v)) continue;
                if (float.IsNaN(last[p])) { last[p] = v; lastAt[p] = s.TimestampMs; missingLast--; }
                if (age <= ShortMs) shortFit[p].Add(minutes, v);
                if (age <= LongMs) longFit[p].Add(minutes, v);
                if (s.TimestampMs <= earlierMs && age <= 2 * LongMs && float.IsNaN(earlier[p])) { earlier[p] = v; earlierAt[p] = s.TimestampMs; }
            }
            if (acvpu < 0) acvpu = s.Acvpu;
            if (o2 < 0) o2 = s.O2;
            if (scale < 0) scale = s.Spo2Scale;
            if (s.TimestampMs <= earlierMs && age <= 2 * LongMs)
            {
                if (earlierAcvpu < 0) earlierAcvpu = s.Acvpu;
                if (earlierO2 < 0) earlierO2 = s.O2;
            }
        }

        for (var p = 0; p < RiskFeatures.ParameterCount; p++)
        {
            var at = p * RiskFeatures.PerParameter;
            features[at] = last[p];
            features[at + 1] = shortFit[p].Slope();
            features[at + 2] = longFit[p].Slope();
            features[at + 3] = longFit[p].StandardDeviation();
            features[at + 4] = float.IsNaN(last[p]) ? float.NaN : (atMs - lastAt[p]) / 1000f;
        }

        var scale2 = context.HypercapnicRespiratoryFailure || scale == (sbyte)Spo2Scale.Scale2;
        features[RiskFeatures.Acvpu] = acvpu >= 0 ? acvpu : float.NaN;
        features[RiskFeatures.OnOxygen] = o2 >= 0 ? o2 : float.NaN;
        var news2Now = News2Of(last, lastAt, acvpu, o2, scale2, atMs);
        var news2Before = News2Of(earlier, earlierAt, earlierAcvpu, earlierO2, scale2, earlierMs);
        features[RiskFeatures.News2] = news2Now;
        features[RiskFeatures.News2Change15] = news2Now - news2Before; // NaN when either is unknown
        var hr = last[0];
        var sbp = last[3];
        features[RiskFeatures.ShockIndex] = sbp > 0 ? hr / sbp : float.NaN;
        features[RiskFeatures.AgeYears] = context.AgeYears is { } years ? years : float.NaN;
        features[RiskFeatures.Scale2] = scale2 ? 1f : 0f;
    }

    /// <summary>NEWS2 total of the fresh readings; NaN when no parameter is fresh.</summary>
    private static float News2Of(ReadOnlySpan<float> values, ReadOnlySpan<long> at, sbyte acvpu, sbyte o2, bool scale2, long atMs)
    {
        var freshFrom = atMs - (long)News2Freshness.TotalMilliseconds;
        var vitals = new VitalSigns(
            Hr: Fresh(values, at, 0, freshFrom), Rr: Fresh(values, at, 1, freshFrom), Spo2: Fresh(values, at, 2, freshFrom),
            Sbp: Fresh(values, at, 3, freshFrom), Dbp: null, Temp: Fresh(values, at, 4, freshFrom),
            Acvpu: acvpu >= 0 ? (Acvpu)acvpu : null,
            O2: o2 >= 0 ? o2 == 1 : null,
            Spo2Scale: scale2 ? Spo2Scale.Scale2 : Spo2Scale.Scale1);
        if (vitals.Hr is null && vitals.Rr is null && vitals.Spo2 is null && vitals.Sbp is null && vitals.Temp is null)
        {
            return float.NaN;
        }
        return News2Calculator.Score(vitals).Total;
    }

    private static double? Fresh(ReadOnlySpan<float> values, ReadOnlySpan<long> at, int p, long freshFrom) =>
        !float.IsNaN(values[p]) && at[p] >= freshFrom ? values[p] : null;

    private static float Value(in VitalsSample s, int parameter) => parameter switch
    {
        0 => s.Hr,
        1 => s.Rr,
        2 => s.Spo2,
        3 => s.Sbp,
        _ => s.Temp,
    };

    /// <summary>Index of the first sample measured after <paramref name="atMs"/>.</summary>
    private static int UpperBound(ReadOnlySpan<VitalsSample> samples, long atMs)
    {
        int lo = 0, hi = samples.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (samples[mid].TimestampMs <= atMs) lo = mid + 1; else hi = mid;
        }
        return lo;
    }

    private static int UpperBound(IReadOnlyList<VitalsSample> samples, long atMs)
    {
        int lo = 0, hi = samples.Count;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (samples[mid].TimestampMs <= atMs) lo = mid + 1; else hi = mid;
        }
        return lo;
    }

    /// <summary>Running sums for a least-squares line and a standard deviation, x in minutes.</summary>
    private struct Fit
    {
        private int _n;
        private double _sx, _sy, _sxx, _sxy, _syy, _minX, _maxX;

        public void Add(double x, double y)
        {
            if (_n == 0) { _minX = x; _maxX = x; }
            _n++;
            _sx += x; _sy += y; _sxx += x * x; _sxy += x * y; _syy += y * y;
            _minX = Math.Min(_minX, x);
            _maxX = Math.Max(_maxX, x);
        }

        public readonly float Slope()
        {
            if (_n < 2 || _maxX - _minX < MinSlopeSpan.TotalMinutes) return float.NaN;
            var d = _n * _sxx - _sx * _sx;
            return d <= 1e-12 ? float.NaN : (float)((_n * _sxy - _sx * _sy) / d);
        }

        public readonly float StandardDeviation()
        {
            if (_n < 3) return float.NaN;
            var variance = (_syy - _sy * _sy / _n) / (_n - 1);
            return (float)Math.Sqrt(Math.Max(0, variance));
        }
    }
}
