using Emergency.Risk.Training.Cohort;

namespace Emergency.Risk.Tests;

public sealed class CohortGeneratorTests
{
    [Fact]
    public void The_same_seed_gives_the_same_cohort_and_another_seed_another()
    {
        var a = new CohortGenerator(11).Generate(20).ToList();
        var b = new CohortGenerator(11).Generate(20).ToList();
        var c = new CohortGenerator(12).Generate(20).ToList();

        Assert.Equal(a.SelectMany(p => p.Frames), b.SelectMany(p => p.Frames));
        Assert.NotEqual(a.SelectMany(p => p.Frames), c.SelectMany(p => p.Frames));
    }

    [Fact]
    public void Outcome_events_come_from_the_hidden_course_and_monitoring_stops_at_the_event()
    {
        var generator = new CohortGenerator(3);
        var withEvent = 0;
        for (var i = 0; i < 400; i++)
        {
            var p = generator.Patient(i, out var hidden);
            Assert.Equal(hidden.EventAtMinutes is not null, p.OutcomeAtMs is not null);
            if (hidden.Course is HiddenCourse.Stable or HiddenCourse.Recovering)
            {
                Assert.Null(p.Outcome);
            }
            if (p.OutcomeAtMs is { } e)
            {
                withEvent++;
                Assert.All(p.Frames, f => Assert.True(f.TimestampMs < e));
                // Defined by the course's onset and pace alone.
                var start = CohortGenerator.Epoch.ToUnixTimeMilliseconds() + i * 60_000L;
                Assert.Equal(start + (long)((hidden.OnsetMinutes + hidden.PaceMinutes) * 60_000), e);
            }
        }
        Assert.InRange(withEvent, 80, 280);
    }

    [Fact]
    public void Data_has_missing_parameters_and_irregular_sampling()
    {
        var cohort = new CohortGenerator(9).Generate(100).ToList();
        var frames = cohort.SelectMany(p => p.Frames).ToList();

        Assert.Contains(frames, f => f.Vitals.Sbp is null);
        Assert.Contains(frames, f => f.Vitals.Spo2 is null);
        Assert.Contains(cohort, p => p.Frames.All(f => f.Vitals.Sbp is null)); // no blood pressure at all
        Assert.Contains(cohort, p => p.AgeYears is null);
        var gaps = cohort.SelectMany(p => p.Frames.Zip(p.Frames.Skip(1), (x, y) => y.TimestampMs - x.TimestampMs)).Distinct().Count();
        Assert.True(gaps > 100, $"only {gaps} distinct intervals");
    }
}
