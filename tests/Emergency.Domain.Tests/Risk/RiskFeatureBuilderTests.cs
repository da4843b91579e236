using Emergency.Domain.Risk;
using Emergency.Domain.Vitals;

namespace Emergency.Domain.Tests.Risk;

public sealed class RiskFeatureBuilderTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 23, 7, 0, 0, TimeSpan.Zero);

    private static int Ix(string name) => RiskFeatures.Names.ToList().IndexOf(name);

    private static float[] Build(VitalsWindow window, DateTimeOffset at, RiskContext context = default)
    {
        var features = new float[RiskFeatures.Count];
        RiskFeatureBuilder.Build(window.Samples, context, at.ToUnixTimeMilliseconds(), features);
        return features;
    }

    private static VitalSigns Hr(double hr) => new(hr, null, null, null, null, null, null, null, null);

    [Fact]
    public void Names_are_unique_and_match_the_count()
    {
        Assert.Equal(RiskFeatures.Count, RiskFeatures.Names.Count);
        Assert.Equal(RiskFeatures.Count, RiskFeatures.Names.Distinct().Count());
        Assert.Equal("news2", RiskFeatures.Names[RiskFeatures.News2]);
        Assert.Equal("risk-features-v1", RiskFeatures.Version);
    }

    [Fact]
    public void Current_values_are_the_newest_reading_of_each_parameter_and_its_age_in_seconds()
    {
        var w = new VitalsWindow(TimeSpan.FromMinutes(60));
        w.Add(T0, new VitalSigns(80, 16, 97, 130, 80, 36.8, Acvpu.Alert, false, Spo2Scale.Scale1));
        w.Add(T0.AddSeconds(30), Hr(90)); // only the pulse in this frame

        var f = Build(w, T0.AddSeconds(40), new RiskContext(71, false));

        Assert.Equal(90, f[Ix("hr")]);
        Assert.Equal(10, f[Ix("hr_seconds_since_last")]);
        Assert.Equal(130, f[Ix("sbp")]);
        Assert.Equal(40, f[Ix("sbp_seconds_since_last")]);
        Assert.Equal(36.8f, f[Ix("temp")]);
        Assert.Equal(0, f[Ix("acvpu")]);
        Assert.Equal(0, f[Ix("on_oxygen")]);
        Assert.Equal(90f / 130f, f[Ix("shock_index")], 5);
        Assert.Equal(71, f[Ix("age_years")]);
        Assert.Equal(0, f[Ix("spo2_scale2")]);
        // HR 90 → 0, RR 16 → 0, SpO2 97 → 0, air → 0, SBP 130 → 0, alert → 0, 36.8 → 0.
        Assert.Equal(0, f[Ix("news2")]);
    }

    [Fact]
    public void Slopes_are_per_minute_over_5_and_15_minutes()
    {
        var w = new VitalsWindow(TimeSpan.FromMinutes(60));
        // HR flat at 80 for 10 minutes, then rising 3/min for the last 5 minutes (one reading a minute).
        for (var m = 0; m <= 10; m++) w.Add(T0.AddMinutes(m), Hr(80));
        for (var m = 11; m <= 15; m++) w.Add(T0.AddMinutes(m), Hr(80 + 3 * (m - 10)));

        var f = Build(w, T0.AddMinutes(15));

        Assert.Equal(95, f[Ix("hr")]);
        Assert.Equal(3f, f[Ix("hr_slope_5m")], 3); // readings at minutes 10..15: 80, 83, …, 95
        var longSlope = f[Ix("hr_slope_15m")];
        Assert.InRange(longSlope, 0.5f, 2.5f); // shallower: the flat part counts
        Assert.True(f[Ix("hr_sd_15m")] > 0);
    }

    [Fact]
    public void Irregular_sampling_is_weighted_by_time_not_by_count()
    {
        var w = new VitalsWindow(TimeSpan.FromMinutes(60));
        // SBP falling exactly 2 mmHg/min, read at uneven times (a burst, then a long NIBP gap).
        double[] minutes = [0, 0.2, 0.4, 0.5, 3.7, 4.9];
        foreach (var m in minutes) w.Add(T0.AddMinutes(m), new VitalSigns(null, null, null, 140 - 2 * m, null, null, null, null, null));

        var f = Build(w, T0.AddMinutes(5));

        Assert.Equal(-2f, f[Ix("sbp_slope_5m")], 3);
        Assert.Equal(-2f, f[Ix("sbp_slope_15m")], 3);
        Assert.Equal(6, f[Ix("sbp_seconds_since_last")], 3);
    }

    [Fact]
    public void Missing_parameters_are_NaN_never_zero()
    {
        var w = new VitalsWindow(TimeSpan.FromMinutes(60));
        w.Add(T0, Hr(100)); // a wearable: pulse only

        var f = Build(w, T0.AddSeconds(5));

        foreach (var p in new[] { "sbp", "sbp_slope_5m", "sbp_sd_15m", "sbp_seconds_since_last", "temp", "rr", "spo2" })
        {
            Assert.True(float.IsNaN(f[Ix(p)]), p);
        }
        Assert.True(float.IsNaN(f[Ix("shock_index")]));
        Assert.True(float.IsNaN(f[Ix("hr_slope_5m")])); // one reading is no slope
        Assert.True(float.IsNaN(f[Ix("hr_sd_15m")]));
        Assert.True(float.IsNaN(f[Ix("age_years")])); // unknown age is not age 0
        Assert.True(float.IsNaN(f[Ix("acvpu")]));
        Assert.Equal(1, f[Ix("news2")]); // HR 100 scores 1
    }

    [Fact]
    public void Readings_after_the_moment_and_older_than_the_lookback_do_not_count()
    {
        var w = new VitalsWindow(TimeSpan.FromMinutes(90));
        w.Add(T0, Hr(60));
        w.Add(T0.AddMinutes(70), Hr(80));
        w.Add(T0.AddMinutes(72), Hr(150)); // after the moment

        var f = Build(w, T0.AddMinutes(71));

        Assert.Equal(80, f[Ix("hr")]);
        Assert.True(float.IsNaN(f[Ix("hr_sd_15m")])); // the reading 71 minutes back is outside the lookback
        Assert.True(float.IsNaN(f[Ix("hr_slope_15m")]));
    }

    [Fact]
    public void News2_change_compares_with_the_score_15_minutes_earlier_and_scale_2_follows_the_context()
    {
        var w = new VitalsWindow(TimeSpan.FromMinutes(60));
        w.Add(T0, new VitalSigns(80, 16, 97, 130, 80, 36.8, Acvpu.Alert, false, null));
        w.Add(T0.AddMinutes(16), new VitalSigns(120, 26, 91, 95, 60, 38.5, Acvpu.Alert, true, null));

        var f = Build(w, T0.AddMinutes(16));
        // HR 120 → 2, RR 26 → 3, SpO2 91 → 3, oxygen → 2, SBP 95 → 2, alert → 0, 38.5 → 1.
        Assert.Equal(13, f[Ix("news2")]);
        Assert.Equal(13, f[Ix("news2_change_15m")]);

        var copd = Build(w, T0.AddMinutes(16), new RiskContext(70, HypercapnicRespiratoryFailure: true));
        Assert.Equal(1, copd[Ix("spo2_scale2")]);
        Assert.Equal(10, copd[Ix("news2")]); // SpO2 91 on scale 2 scores 0
    }

    [Fact]
    public void Any_list_of_samples_gives_the_same_features_as_the_window_itself()
    {
        var w = new VitalsWindow(TimeSpan.FromMinutes(60));
        for (var s = 0; s < 3000; s += 7)
        {
            w.Add(T0.AddSeconds(s), new VitalSigns(80 + s % 13, 16 + s % 5, 97 - s % 3, s % 300 < 7 ? 120 - s / 100.0 : null, null, null, Acvpu.Alert, true, null));
        }
        var at = T0.AddSeconds(2500);

        var fromWindow = Build(w, at);
        var copy = new float[RiskFeatures.Count];
        RiskFeatureBuilder.Build(w.Samples.ToList().AsReadOnly(), default, at.ToUnixTimeMilliseconds(), copy);

        Assert.Equal(fromWindow.Select(BitConverter.SingleToInt32Bits), copy.Select(BitConverter.SingleToInt32Bits));
    }

    [Fact]
    public void The_destination_must_have_one_slot_per_feature()
    {
        var w = new VitalsWindow(TimeSpan.FromMinutes(60));
        Assert.Throws<ArgumentException>(() => RiskFeatureBuilder.Build(w.Samples, default, 0, new float[RiskFeatures.Count - 1]));
    }
}
