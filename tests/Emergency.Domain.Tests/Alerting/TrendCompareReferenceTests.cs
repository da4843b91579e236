using Emergency.Domain.Scoring;
using Emergency.Domain.Vitals;

namespace Emergency.Domain.Tests.Alerting;

/// <summary>
/// <see cref="TrendRules.Compare"/> reads only its two segments through binary search; these windows check it
/// against the plain definition (scan everything, keep what falls in each segment), including irregular spacing,
/// gaps, readings exactly on the segment edges, samples after "now" and probe-off SpO2.
/// </summary>
public class TrendCompareReferenceTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 1, 8, 0, 0, TimeSpan.Zero);

    public static TheoryData<int> Seeds() => [.. Enumerable.Range(1, 40)];

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Compare_matches_the_definition_on_random_windows(int seed)
    {
        var random = new Random(seed);
        var window = new VitalsWindow(TimeSpan.FromMinutes(60));
        var at = T0;
        var count = random.Next(0, 900);
        for (var i = 0; i < count; i++)
        {
            // Whole seconds so that samples land exactly on segment edges; now and then a gap or a repeat time.
            at = at.AddSeconds(random.Next(10) switch { 0 => 0, 1 => random.Next(30, 200), _ => 1 });
            double? spo2 = random.Next(20) == 0 ? null : random.Next(20) == 0 ? 0 : 85 + random.Next(15);
            window.Add(at, new VitalSigns(60 + random.Next(60), 12 + random.Next(10), spo2, 90 + random.Next(50), 70, 36.9, Acvpu.Alert, false, Spo2Scale.Scale1));
        }
        foreach (var parameter in new[] { VitalParameter.Hr, VitalParameter.Spo2, VitalParameter.Sbp })
        {
            for (var probe = 0; probe < 10; probe++)
            {
                var now = T0.AddSeconds(random.Next(0, Math.Max(1, (int)(at - T0).TotalSeconds + 30)));
                var span = TimeSpan.FromSeconds(random.Next(1, 151));
                var length = span * 2 + TimeSpan.FromSeconds(random.Next(0, 120));
                var minSamples = random.Next(1, 5);

                var actual = TrendRules.Compare(window.Samples, parameter, now, length, span, minSamples);

                Assert.Equal(Reference(window.Samples, parameter, now, length, span, minSamples), actual);
            }
        }
    }

    /// <summary>The definition, as written before the segments were found by binary search.</summary>
    private static ParameterTrend? Reference(IReadOnlyList<VitalsSample> samples, VitalParameter parameter, DateTimeOffset now,
        TimeSpan window, TimeSpan edgeSpan, int minEdgeSamples)
    {
        long nowMs = now.ToUnixTimeMilliseconds();
        long startMs = (now - window).ToUnixTimeMilliseconds();
        long startEndMs = (now - window + edgeSpan).ToUnixTimeMilliseconds();
        long endStartMs = (now - edgeSpan).ToUnixTimeMilliseconds();
        var first = new List<double>();
        var last = new List<double>();
        foreach (var sample in samples)
        {
            long t = sample.TimestampMs;
            if (t < startMs) continue;
            if (t > nowMs) break;
            float value = parameter switch
            {
                VitalParameter.Hr => sample.Hr,
                VitalParameter.Spo2 => sample.Spo2,
                _ => sample.Sbp,
            };
            if (!float.IsFinite(value) || (parameter == VitalParameter.Spo2 && Spo2ProbeOff.Is(value))) continue;
            if (t < startEndMs) first.Add(value);
            else if (t > endStartMs) last.Add(value);
        }
        if (first.Count < minEdgeSamples || last.Count < minEdgeSamples) return null;
        return new ParameterTrend(Median(first), Median(last), first.Count, last.Count);
    }

    private static double Median(List<double> values)
    {
        values.Sort();
        int mid = values.Count / 2;
        return values.Count % 2 == 1 ? values[mid] : (values[mid - 1] + values[mid]) / 2;
    }
}
