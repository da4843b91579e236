using Emergency.Domain.Vitals;

namespace Emergency.Domain.Scoring;

/// <summary>
/// Shock index: heart rate divided by systolic blood pressure. A rising index flags occult hypovolaemia and
/// haemorrhage while each vital on its own still looks acceptable.
/// </summary>
/// <remarks>
/// <para>Bands (upper edges exclusive):</para>
/// <list type="table">
/// <item><term>below 0.9</term><description><see cref="ShockIndexBand.Normal"/> (healthy adults about 0.5–0.7).</description></item>
/// <item><term>0.9 to below 1.0</term><description><see cref="ShockIndexBand.Elevated"/>: abnormal; associated with
/// higher mortality and need for transfusion.</description></item>
/// <item><term>1.0 to below 1.4</term><description><see cref="ShockIndexBand.High"/>: moderate shock.</description></item>
/// <item><term>1.4 or more</term><description><see cref="ShockIndexBand.Severe"/>: severe shock.</description></item>
/// </list>
/// <para>
/// Sources: the 0.9 threshold for an abnormal index from Koch E, Lovett S, Nghiem T, Riggs RA, Rech MA.
/// <i>Shock index in the emergency department: utility and limitations</i>. Open Access Emerg Med 2019;11:179–199.
/// The 1.0 and 1.4 thresholds from the shock-index classes of Mutschler M, Nienaber U, Münzberg M, et al.
/// <i>The Shock Index revisited – a fast guide to transfusion requirement? A retrospective analysis on 21,853
/// patients derived from the TraumaRegister DGU</i>. Crit Care 2013;17(4):R172 (classes: &lt;0.6, 0.6–&lt;1.0,
/// 1.0–&lt;1.4, ≥1.4, with transfusion need rising steeply across them).
/// </para>
/// <para>
/// The index is computed from the measured values without rounding, so the band edges apply to the exact quotient
/// (90/100 is 0.9, elevated; 89.9/100 is 0.899, normal). It is undefined (null) when either value is missing, not
/// finite or negative, or when systolic pressure is 0.
/// </para>
/// </remarks>
public static class ShockIndex
{
    /// <summary>Index at or above which the band is <see cref="ShockIndexBand.Elevated"/>.</summary>
    public const double ElevatedThreshold = 0.9;

    /// <summary>Index at or above which the band is <see cref="ShockIndexBand.High"/>.</summary>
    public const double HighThreshold = 1.0;

    /// <summary>Index at or above which the band is <see cref="ShockIndexBand.Severe"/>.</summary>
    public const double SevereThreshold = 1.4;

    /// <summary>The shock index of <paramref name="vitals"/>, or null when heart rate or systolic pressure is unusable.</summary>
    public static ShockIndexResult? Compute(in VitalSigns vitals) => Compute(vitals.Hr, vitals.Sbp);

    /// <summary>HR / SBP with its band, or null when either is missing, not finite, negative, or SBP is 0.</summary>
    public static ShockIndexResult? Compute(double? hr, double? sbp)
    {
        if (hr is not { } h || sbp is not { } s) return null;
        if (!double.IsFinite(h) || !double.IsFinite(s) || h < 0 || s <= 0) return null;
        double index = h / s;
        return new ShockIndexResult(index, BandOf(index), h, s);
    }

    /// <summary>The band of a shock index value.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="index"/> is NaN.</exception>
    public static ShockIndexBand BandOf(double index)
    {
        if (double.IsNaN(index)) throw new ArgumentOutOfRangeException(nameof(index), "A shock index cannot be NaN.");
        if (index >= SevereThreshold) return ShockIndexBand.Severe;
        if (index >= HighThreshold) return ShockIndexBand.High;
        if (index >= ElevatedThreshold) return ShockIndexBand.Elevated;
        return ShockIndexBand.Normal;
    }

    /// <summary>
    /// How much the shock index changed over <paramref name="lookback"/> up to <paramref name="now"/>.
    /// </summary>
    /// <param name="samples">Samples ordered by time, oldest first (<see cref="VitalsWindow.Samples"/>).</param>
    /// <param name="now">The end of the look-back.</param>
    /// <param name="lookback">How far back the earlier reading is taken, e.g. 5 or 15 minutes.</param>
    /// <returns>
    /// Null unless both readings exist. The current reading is the latest sample carrying both heart rate and
    /// systolic pressure measured in (now − lookback, now]. The earlier one is the latest such sample at or before
    /// now − lookback, but not before now − 2 × lookback: the value that held when the look-back began, and not one
    /// so old that it says nothing about it. Samples after <paramref name="now"/> are ignored.
    /// </returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="lookback"/> is not positive.</exception>
    public static ShockIndexTrend? Trend(IReadOnlyList<VitalsSample> samples, DateTimeOffset now, TimeSpan lookback)
    {
        ArgumentNullException.ThrowIfNull(samples);
        if (lookback <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(lookback), lookback, "The look-back must be positive.");
        }

        long nowMs = now.ToUnixTimeMilliseconds();
        long startMs = (now - lookback).ToUnixTimeMilliseconds();
        long oldestMs = (now - lookback - lookback).ToUnixTimeMilliseconds();

        ShockIndexResult? current = null, earlier = null;
        long currentAt = 0, earlierAt = 0;
        for (int i = samples.Count - 1; i >= 0; i--)
        {
            var sample = samples[i];
            long t = sample.TimestampMs;
            if (t > nowMs) continue;
            if (t < oldestMs) break;
            if (Compute(Value(sample.Hr), Value(sample.Sbp)) is not { } si) continue;

            if (t > startMs)
            {
                if (current is null) { current = si; currentAt = t; }
            }
            else
            {
                earlier = si;
                earlierAt = t;
                break;
            }
        }

        if (current is not { } c || earlier is not { } e) return null;
        return new ShockIndexTrend(
            c.Value, e.Value, c.Value - e.Value,
            DateTimeOffset.FromUnixTimeMilliseconds(currentAt), DateTimeOffset.FromUnixTimeMilliseconds(earlierAt));
    }

    private static double? Value(float value) => float.IsNaN(value) ? null : value;
}
