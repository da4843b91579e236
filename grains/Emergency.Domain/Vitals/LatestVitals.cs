namespace Emergency.Domain.Vitals;

/// <summary>
/// The latest value of each vital sign with the time it was measured. Frames may arrive late and out of order
/// (store-and-forward after a coverage gap): a value only replaces one measured at the same time or earlier, so a
/// late frame never overwrites newer state. Each parameter is judged on its own, since wearables send subsets.
/// </summary>
public sealed class LatestVitals
{
    public const int ParameterCount = 9;

    // Enums and flags are held as doubles so one array serves every parameter.
    private readonly double[] _values = new double[ParameterCount];
    private readonly long[] _timesMs = new long[ParameterCount];
    private ushort _present;

    public bool IsEmpty => _present == 0;

    /// <summary>Time of the newest measurement of any parameter.</summary>
    public DateTimeOffset? NewestAt { get; private set; }

    /// <summary>Applies a frame's values; returns true if any parameter took a new value.</summary>
    public bool Apply(in VitalSigns vitals, DateTimeOffset measuredAt)
    {
        var ts = measuredAt.ToUnixTimeMilliseconds();
        var changed = false;
        changed |= Set(VitalParameter.Hr, vitals.Hr, ts);
        changed |= Set(VitalParameter.Rr, vitals.Rr, ts);
        changed |= Set(VitalParameter.Spo2, vitals.Spo2, ts);
        changed |= Set(VitalParameter.Sbp, vitals.Sbp, ts);
        changed |= Set(VitalParameter.Dbp, vitals.Dbp, ts);
        changed |= Set(VitalParameter.Temp, vitals.Temp, ts);
        changed |= Set(VitalParameter.Acvpu, vitals.Acvpu is { } a ? (double)a : null, ts);
        changed |= Set(VitalParameter.O2, vitals.O2 is { } o ? (o ? 1 : 0) : null, ts);
        changed |= Set(VitalParameter.Spo2Scale, vitals.Spo2Scale is { } s ? (double)s : null, ts);
        if (changed && (NewestAt is null || measuredAt > NewestAt))
        {
            NewestAt = measuredAt;
        }
        return changed;
    }

    /// <summary>The time the parameter's latest value was measured, or null if it was never reported.</summary>
    public DateTimeOffset? MeasuredAt(VitalParameter parameter) =>
        Has(parameter) ? DateTimeOffset.FromUnixTimeMilliseconds(_timesMs[(int)parameter]) : null;

    /// <summary>The latest value of every parameter, however old.</summary>
    public VitalSigns Current() => Build(long.MinValue);

    /// <summary>
    /// The latest values measured no longer than <paramref name="maxAge"/> before <paramref name="now"/>;
    /// older ones are left out (null). The SpO2 scale is a clinical setting, not a measurement: it never goes stale.
    /// </summary>
    public VitalSigns Fresh(DateTimeOffset now, TimeSpan maxAge) =>
        Build((now - maxAge).ToUnixTimeMilliseconds());

    private VitalSigns Build(long notBeforeMs)
    {
        double? Get(VitalParameter p) => Has(p) && _timesMs[(int)p] >= notBeforeMs ? _values[(int)p] : null;
        var scale = Has(VitalParameter.Spo2Scale) ? (Spo2Scale?)(Spo2Scale)(byte)_values[(int)VitalParameter.Spo2Scale] : null;
        return new VitalSigns(
            Hr: Get(VitalParameter.Hr),
            Rr: Get(VitalParameter.Rr),
            Spo2: Get(VitalParameter.Spo2),
            Sbp: Get(VitalParameter.Sbp),
            Dbp: Get(VitalParameter.Dbp),
            Temp: Get(VitalParameter.Temp),
            Acvpu: Get(VitalParameter.Acvpu) is { } a ? (Acvpu)(byte)a : null,
            O2: Get(VitalParameter.O2) is { } o ? o != 0 : null,
            Spo2Scale: scale);
    }

    private bool Has(VitalParameter p) => (_present & (1 << (int)p)) != 0;

    private bool Set(VitalParameter p, double? value, long tsMs)
    {
        if (value is not { } v)
        {
            return false;
        }
        var i = (int)p;
        if (Has(p) && tsMs < _timesMs[i])
        {
            return false; // late: history keeps it, current state does not move back in time
        }
        var changed = !Has(p) || _values[i] != v || _timesMs[i] != tsMs;
        _values[i] = v;
        _timesMs[i] = tsMs;
        _present |= (ushort)(1 << i);
        return changed;
    }
}
