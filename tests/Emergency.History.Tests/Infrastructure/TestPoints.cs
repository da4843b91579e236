using Emergency.Domain.Devices;
using Emergency.Domain.Vitals;

namespace Emergency.History.Tests.Infrastructure;

/// <summary>Deterministic vitals points for the tests.</summary>
public static class TestPoints
{
    /// <summary>A fixed, minute-aligned start: 2026-03-01T08:00:00Z.</summary>
    public static readonly DateTimeOffset Start = new(2026, 3, 1, 8, 0, 0, TimeSpan.Zero);

    /// <summary>
    /// One point per second per patient for <paramref name="seconds"/> seconds. Patient <c>i</c> is watched by
    /// ambulance monitor <c>amb-i</c>; values wander, with gaps (no blood pressure every 5th second, a wearable-like
    /// subset every 13th) and milliseconds off the whole second, so buckets do not line up with the data.
    /// </summary>
    public static List<VitalsPoint> Generate(string prefix, int patients, int seconds, int seed = 7, DateTimeOffset? start = null)
    {
        var random = new Random(seed);
        var t0 = start ?? Start;
        var points = new List<VitalsPoint>(patients * seconds);
        for (var p = 0; p < patients; p++)
        {
            var patient = $"{prefix}-patient-{p}";
            var device = $"amb-{p}";
            for (var s = 0; s < seconds; s++)
            {
                var ts = t0.AddSeconds(s).AddMilliseconds(random.Next(0, 1000));
                var partial = s % 13 == 0;
                var noBp = s % 5 == 0;
                var vitals = new VitalSigns(
                    Hr: Math.Round(60 + random.NextDouble() * 80, 1),
                    Rr: partial ? null : Math.Round(10 + random.NextDouble() * 16, 1),
                    Spo2: Math.Round(88 + random.NextDouble() * 12, 1),
                    Sbp: partial || noBp ? null : Math.Round(85 + random.NextDouble() * 70),
                    Dbp: partial || noBp ? null : Math.Round(50 + random.NextDouble() * 40),
                    Temp: partial ? null : Math.Round(35.5 + random.NextDouble() * 4, 2),
                    Acvpu: partial ? null : (random.Next(10) == 0 ? Acvpu.Voice : Acvpu.Alert),
                    O2: partial ? null : random.Next(4) == 0,
                    Spo2Scale: partial ? null : Spo2Scale.Scale1);
                points.Add(new VitalsPoint("north", patient, DeviceKind.Ambulance, device, s + 1, ts, vitals));
            }
        }
        return points;
    }

    /// <summary>The downsampled series computed in memory, as a store must return it.</summary>
    public static List<HistoryBucket> Downsample(IEnumerable<VitalsPoint> points, string patientId, DateTimeOffset from, DateTimeOffset to, TimeSpan step)
    {
        var fromMs = from.ToUnixTimeMilliseconds();
        var toMs = to.ToUnixTimeMilliseconds();
        var stepMs = (long)step.TotalMilliseconds;
        return points
            .Where(p => p.PatientId == patientId && p.TimestampMs >= fromMs && p.TimestampMs < toMs)
            .GroupBy(p => HistoryQuery.BucketStart(p.TimestampMs, stepMs))
            .OrderBy(g => g.Key)
            .Select(g => new HistoryBucket(
                DateTimeOffset.FromUnixTimeMilliseconds(g.Key),
                Stats(g.Select(p => p.Vitals.Hr)),
                Stats(g.Select(p => p.Vitals.Rr)),
                Stats(g.Select(p => p.Vitals.Spo2)),
                Stats(g.Select(p => p.Vitals.Sbp)),
                Stats(g.Select(p => p.Vitals.Dbp)),
                Stats(g.Select(p => p.Vitals.Temp)),
                Stats(g.Select(p => (double?)p.EffectiveNews2))))
            .Where(b => b.Hr is not null || b.Rr is not null || b.Spo2 is not null || b.Sbp is not null
                || b.Dbp is not null || b.Temp is not null || b.News2 is not null)
            .ToList();
    }

    /// <summary>Asserts two series are equal, means within a relative tolerance (summation order differs).</summary>
    public static void AssertEqual(IReadOnlyList<HistoryBucket> expected, IReadOnlyList<HistoryBucket> actual)
    {
        Assert.Equal(expected.Select(b => b.Start), actual.Select(b => b.Start));
        for (var i = 0; i < expected.Count; i++)
        {
            var e = expected[i];
            var a = actual[i];
            AssertStats("hr", e.Start, e.Hr, a.Hr);
            AssertStats("rr", e.Start, e.Rr, a.Rr);
            AssertStats("spo2", e.Start, e.Spo2, a.Spo2);
            AssertStats("sbp", e.Start, e.Sbp, a.Sbp);
            AssertStats("dbp", e.Start, e.Dbp, a.Dbp);
            AssertStats("temp", e.Start, e.Temp, a.Temp);
            AssertStats("news2", e.Start, e.News2, a.News2);
        }
    }

    private static void AssertStats(string name, DateTimeOffset bucket, ParameterStats? expected, ParameterStats? actual)
    {
        if (expected is null)
        {
            Assert.True(actual is null, $"{name} at {bucket:O}: expected no data, got {actual}");
            return;
        }
        Assert.True(actual is not null, $"{name} at {bucket:O}: expected {expected}, got no data");
        var e = expected.Value;
        var a = actual.Value;
        Assert.True(e.Count == a.Count, $"{name} at {bucket:O}: count {a.Count}, expected {e.Count}");
        Assert.True(e.Min == a.Min, $"{name} at {bucket:O}: min {a.Min}, expected {e.Min}");
        Assert.True(e.Max == a.Max, $"{name} at {bucket:O}: max {a.Max}, expected {e.Max}");
        Assert.True(Math.Abs(e.Mean - a.Mean) <= 1e-9 * Math.Max(1, Math.Abs(e.Mean)),
            $"{name} at {bucket:O}: mean {a.Mean:R}, expected {e.Mean:R}");
    }

    private static ParameterStats? Stats(IEnumerable<double?> values)
    {
        var known = values.Where(v => v.HasValue).Select(v => v!.Value).ToList();
        return known.Count == 0 ? null : new ParameterStats(known.Average(), known.Min(), known.Max(), known.Count);
    }
}
