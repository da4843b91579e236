using Emergency.DeviceSim.Physiology;
using Emergency.Domain.Vitals;

namespace Emergency.DeviceSim.Tests;

public class PatientModelTests
{
    private static readonly TimeSpan Second = TimeSpan.FromSeconds(1);

    private static List<VitalSigns> Run(Scenario scenario, int seed, TimeSpan duration, TimeSpan step)
    {
        var model = new PatientModel(scenario, seed);
        var samples = new List<VitalSigns> { model.Measure() };
        for (var t = TimeSpan.Zero; t < duration; t += step)
        {
            model.Advance(step);
            samples.Add(model.Measure());
        }

        return samples;
    }

    [Fact]
    public void Same_seed_and_steps_give_identical_values()
    {
        var a = Run(Scenario.Sepsis, 42, TimeSpan.FromMinutes(10), Second);
        var b = Run(Scenario.Sepsis, 42, TimeSpan.FromMinutes(10), Second);
        var c = Run(Scenario.Sepsis, 43, TimeSpan.FromMinutes(10), Second);

        Assert.Equal(a, b);
        Assert.NotEqual(a, c);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(123)]
    [InlineData(9001)]
    public void Stable_stays_in_the_normal_bands(int seed)
    {
        foreach (var v in Run(Scenario.Stable, seed, TimeSpan.FromHours(2), Second))
        {
            Assert.InRange(v.Hr!.Value, 51, 90);
            Assert.InRange(v.Rr!.Value, 12, 20);
            Assert.InRange(v.Spo2!.Value, 96, 100);
            Assert.InRange(v.Sbp!.Value, 111, 219);
            Assert.InRange(v.Temp!.Value, 36.1, 38.0);
            Assert.Equal(Acvpu.Alert, v.Acvpu);
            Assert.False(v.O2);
            Assert.Equal(Spo2Scale.Scale1, v.Spo2Scale);
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    public void Sepsis_hr_and_rr_rise_and_sbp_falls_over_thirty_minutes(int seed)
    {
        var samples = Run(Scenario.Sepsis, seed, TimeSpan.FromMinutes(30), Second);
        var first = samples.Take(120).ToList();
        var last = samples.TakeLast(120).ToList();

        Assert.True(last.Average(v => v.Hr!.Value) > first.Average(v => v.Hr!.Value) + 8, "HR should rise");
        Assert.True(last.Average(v => v.Rr!.Value) > first.Average(v => v.Rr!.Value) + 2, "RR should rise");
        Assert.True(last.Average(v => v.Sbp!.Value) < first.Average(v => v.Sbp!.Value) - 8, "SBP should fall");
        Assert.True(last.Average(v => v.Temp!.Value) > first.Average(v => v.Temp!.Value), "temperature should rise");
    }

    [Fact]
    public void Sepsis_brings_confusion_later()
    {
        var samples = Run(Scenario.Sepsis, 11, TimeSpan.FromMinutes(60), Second);
        Assert.Equal(Acvpu.Alert, samples[0].Acvpu);
        Assert.NotEqual(Acvpu.Alert, samples[^1].Acvpu);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Haemorrhage_raises_hr_fast_and_keeps_spo2_until_late(int seed)
    {
        var samples = Run(Scenario.Haemorrhage, seed, TimeSpan.FromMinutes(30), Second);
        var start = samples.Take(60).ToList();
        var at15 = samples.Skip(15 * 60).Take(60).ToList();
        var end = samples.TakeLast(60).ToList();

        Assert.True(at15.Average(v => v.Hr!.Value) > start.Average(v => v.Hr!.Value) + 15, "HR should climb within 15 minutes");
        Assert.True(at15.Average(v => v.Sbp!.Value) < start.Average(v => v.Sbp!.Value) - 15, "SBP should fall within 15 minutes");
        Assert.All(at15, v => Assert.True(v.Spo2 >= 94, $"SpO2 {v.Spo2} should hold at 15 minutes"));
        Assert.True(end.Average(v => v.Spo2!.Value) < start.Average(v => v.Spo2!.Value), "SpO2 should fall late");
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Copd_is_on_oxygen_with_scale_two_and_low_saturation(int seed)
    {
        foreach (var v in Run(Scenario.CopdOnOxygen, seed, TimeSpan.FromHours(1), Second))
        {
            Assert.Equal(Spo2Scale.Scale2, v.Spo2Scale);
            Assert.True(v.O2);
            Assert.InRange(v.Spo2!.Value, 86, 90);
            Assert.InRange(v.Rr!.Value, 21, 30);
        }
    }

    [Fact]
    public void Stroke_is_hypertensive_and_confused()
    {
        var v = Run(Scenario.Stroke, 5, TimeSpan.FromMinutes(5), Second)[^1];
        Assert.True(v.Sbp > 160);
        Assert.Equal(Acvpu.NewConfusion, v.Acvpu);
    }

    [Fact]
    public void Values_stay_within_contract_ranges_over_long_runs_and_many_seeds()
    {
        var step = TimeSpan.FromSeconds(5);
        foreach (var scenario in Enum.GetValues<Scenario>())
        {
            for (var seed = 0; seed < 40; seed++)
            {
                var model = new PatientModel(scenario, seed, TimeSpan.FromMinutes(seed % 7));
                for (var i = 0; i < 3 * 720; i++) // three hours
                {
                    model.Advance(step);
                    var v = model.Measure();
                    Assert.True(ContractRanges.IsWithin(v), $"{scenario} seed {seed} step {i}: {v}");
                    Assert.True(v.Dbp < v.Sbp);
                    Assert.Equal(v.Hr, Math.Round(v.Hr!.Value));
                    Assert.Equal(v.Temp, Math.Round(v.Temp!.Value, 1));
                    Assert.InRange(v.Hr!.Value, 20, 250); // physiologically possible, not just the contract
                    Assert.InRange(v.Temp!.Value, 30, 43);
                }
            }
        }
    }

    [Fact]
    public void Contract_clamp_keeps_diastolic_below_systolic()
    {
        var v = ContractRanges.Clamp(new VitalSigns(400, -3, 120, 80, 90, 50, null, null, null));
        Assert.Equal(350, v.Hr);
        Assert.Equal(0, v.Rr);
        Assert.Equal(100, v.Spo2);
        Assert.Equal(80, v.Sbp);
        Assert.Equal(79, v.Dbp);
        Assert.Equal(45, v.Temp);
        Assert.True(ContractRanges.IsWithin(v));
    }
}
