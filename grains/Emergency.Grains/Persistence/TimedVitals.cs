using Emergency.Domain.Vitals;

namespace Emergency.Grains.Persistence;

/// <summary>Vital signs with the time they were measured, as stored in a grain's snapshot.</summary>
[GenerateSerializer, Immutable, Alias("Emergency.TimedVitals")]
public readonly record struct TimedVitals([property: Id(0)] long TimestampMs, [property: Id(1)] VitalSigns Vitals)
{
    public DateTimeOffset Timestamp => DateTimeOffset.FromUnixTimeMilliseconds(TimestampMs);

    /// <summary>Each parameter's latest value with its own time (wearables send subsets, so times differ).</summary>
    public static List<TimedVitals> Capture(LatestVitals latest)
    {
        var current = latest.Current();
        var list = new List<TimedVitals>(LatestVitals.ParameterCount);
        void Add(VitalParameter p, VitalSigns only)
        {
            if (latest.MeasuredAt(p) is { } at) list.Add(new TimedVitals(at.ToUnixTimeMilliseconds(), only));
        }
        Add(VitalParameter.Hr, VitalSigns.Empty with { Hr = current.Hr });
        Add(VitalParameter.Rr, VitalSigns.Empty with { Rr = current.Rr });
        Add(VitalParameter.Spo2, VitalSigns.Empty with { Spo2 = current.Spo2 });
        Add(VitalParameter.Sbp, VitalSigns.Empty with { Sbp = current.Sbp });
        Add(VitalParameter.Dbp, VitalSigns.Empty with { Dbp = current.Dbp });
        Add(VitalParameter.Temp, VitalSigns.Empty with { Temp = current.Temp });
        Add(VitalParameter.Acvpu, VitalSigns.Empty with { Acvpu = current.Acvpu });
        Add(VitalParameter.O2, VitalSigns.Empty with { O2 = current.O2 });
        Add(VitalParameter.Spo2Scale, VitalSigns.Empty with { Spo2Scale = current.Spo2Scale });
        return list;
    }

    public static LatestVitals RestoreLatest(IEnumerable<TimedVitals> values)
    {
        var latest = new LatestVitals();
        foreach (var v in values)
        {
            latest.Apply(v.Vitals, v.Timestamp);
        }
        return latest;
    }
}
