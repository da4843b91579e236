using Emergency.Domain.Vitals;

namespace Emergency.DeviceSim.Physiology;

/// <summary>The value ranges the wire contract accepts. Every frame the simulator sends stays inside them.</summary>
internal static class ContractRanges
{
    public const double HrMin = VitalRanges.HrMin, HrMax = VitalRanges.HrMax;
    public const double RrMin = VitalRanges.RrMin, RrMax = VitalRanges.RrMax;
    public const double Spo2Min = VitalRanges.Spo2Min, Spo2Max = VitalRanges.Spo2Max;
    public const double SbpMin = VitalRanges.SbpMin, SbpMax = VitalRanges.SbpMax;
    public const double DbpMin = VitalRanges.DbpMin, DbpMax = VitalRanges.DbpMax;
    public const double TempMin = VitalRanges.TempMin, TempMax = VitalRanges.TempMax;

    /// <summary>Clamps every present value into its range and keeps diastolic strictly below systolic.</summary>
    public static VitalSigns Clamp(VitalSigns v)
    {
        var sbp = v.Sbp is { } s ? Math.Clamp(s, SbpMin, SbpMax) : (double?)null;
        var dbp = v.Dbp is { } d ? Math.Clamp(d, DbpMin, DbpMax) : (double?)null;
        if (sbp is { } sv && dbp is { } dv && dv >= sv)
        {
            if (sv < 1)
            {
                sbp = 1;
                sv = 1;
            }

            dbp = Math.Max(DbpMin, sv - 1);
        }

        return v with
        {
            Hr = v.Hr is { } hr ? Math.Clamp(hr, HrMin, HrMax) : null,
            Rr = v.Rr is { } rr ? Math.Clamp(rr, RrMin, RrMax) : null,
            Spo2 = v.Spo2 is { } o ? Math.Clamp(o, Spo2Min, Spo2Max) : null,
            Sbp = sbp,
            Dbp = dbp,
            Temp = v.Temp is { } t ? Math.Clamp(t, TempMin, TempMax) : null,
        };
    }

    public static bool IsWithin(VitalSigns v) =>
        (v.Hr is not { } hr || hr is >= HrMin and <= HrMax)
        && (v.Rr is not { } rr || rr is >= RrMin and <= RrMax)
        && (v.Spo2 is not { } o || o is >= Spo2Min and <= Spo2Max)
        && (v.Sbp is not { } s || s is >= SbpMin and <= SbpMax)
        && (v.Dbp is not { } d || d is >= DbpMin and <= DbpMax)
        && (v.Temp is not { } t || t is >= TempMin and <= TempMax)
        && (v.Sbp is not { } s2 || v.Dbp is not { } d2 || d2 < s2);
}
