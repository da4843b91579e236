using Emergency.Domain.Patients;
using Emergency.Domain.Vitals;
using Emergency.Risk.Training.Cohort;
using Emergency.Risk.Training.Training;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Emergency.Risk.Tests;

public sealed class TrainServeIdentityTests
{
    private static DeteriorationRiskMonitors ShippedModel(TimeSpan interval) =>
        new(Options.Create(new RiskOptions { ScoreInterval = interval }), NullLogger<DeteriorationRiskMonitors>.Instance);

    [Fact]
    public void Training_rows_and_the_serving_monitor_see_bit_identical_features_and_the_same_probability()
    {
        var generator = new CohortGenerator(21);
        var patient = Enumerable.Range(0, 50).Select(generator.Patient).First(p => p.Outcome is not null && p.Frames.Count > 100);
        var rows = FeatureRows.Build([patient], TimeSpan.FromMinutes(1));
        var monitors = ShippedModel(TimeSpan.Zero);
        var monitor = monitors.Create();
        var scorer = monitors.Model!.CreateScorer();
        // The serving side: frames arrive one by one in a window like the patient grain's.
        var window = new VitalsWindow(TimeSpan.FromMinutes(60));
        var context = new PatientContext { AgeYears = patient.AgeYears };
        var next = 0;

        Assert.True(rows.Count > 10);
        foreach (var row in rows)
        {
            while (next < patient.Frames.Count && patient.Frames[next].TimestampMs <= row.AtMs)
            {
                window.Add(DateTimeOffset.FromUnixTimeMilliseconds(patient.Frames[next].TimestampMs), patient.Frames[next].Vitals);
                next++;
            }
            Assert.True(monitor.Update(window.Samples, context, DateTimeOffset.FromUnixTimeMilliseconds(row.AtMs)));

            var served = monitor.LastFeatures.ToArray();
            Assert.Equal(row.Features.Select(BitConverter.SingleToInt32Bits), served.Select(BitConverter.SingleToInt32Bits));
            Assert.Equal(scorer.Probability(row.Features), monitor.Current!.Probability);
        }
    }

    [Fact]
    public void The_shipped_model_names_its_version_and_its_simulated_training_data_and_explains_its_estimate()
    {
        var monitors = ShippedModel(TimeSpan.FromSeconds(5));
        var model = monitors.Model;
        Assert.NotNull(model);
        Assert.Null(monitors.LoadFailure);
        Assert.Contains("simulated", model.Manifest.TrainedOn);
        Assert.Contains("NOT validated for clinical use", model.Manifest.ClinicalUse);

        var window = new VitalsWindow(TimeSpan.FromMinutes(60));
        var t0 = new DateTimeOffset(2026, 11, 23, 7, 0, 0, TimeSpan.Zero);
        // Falling pressure and rising pulse over 15 minutes.
        for (var s = 0; s <= 900; s += 15)
        {
            var m = s / 60.0;
            window.Add(t0.AddSeconds(s), new VitalSigns(95 + 2.5 * m, 20 + 0.5 * m, 96 - 0.2 * m, s % 180 == 0 ? 122 - 2.2 * m : null, null, null, Acvpu.Alert, false, Spo2Scale.Scale1));
        }
        var monitor = monitors.Create();

        Assert.True(monitor.Update(window.Samples, new PatientContext { AgeYears = 68 }, t0.AddSeconds(900)));
        Assert.False(monitor.Update(window.Samples, null, t0.AddSeconds(902))); // within the score interval

        var risk = monitor.Current!;
        Assert.Equal(model.Manifest.ModelVersion, risk.ModelVersion);
        Assert.InRange(risk.Probability, 0f, 1f);
        Assert.NotEmpty(risk.TopFactors);
        Assert.All(risk.TopFactors, f => Assert.Contains(f.Feature, Domain.Risk.RiskFeatures.Names));
        Assert.True(risk.TopFactors.Zip(risk.TopFactors.Skip(1), (a, b) => a.Contribution >= b.Contribution).All(x => x));
    }

    [Fact]
    public void A_model_for_another_feature_set_is_refused_and_the_service_goes_on_without_risk()
    {
        var dir = Directory.CreateTempSubdirectory("risk-model-").FullName;
        try
        {
            var zip = Path.Combine(dir, "m.zip");
            File.Copy(RiskOptions.ShippedModelFile, zip);
            var manifest = RiskModelManifest.Read(RiskModelManifest.PathFor(RiskOptions.ShippedModelFile)) with { FeatureSetVersion = "risk-features-v0" };
            manifest.Write(RiskModelManifest.PathFor(zip));

            var e = Assert.Throws<InvalidDataException>(() => RiskModel.Load(zip));
            Assert.Contains("risk-features-v0", e.Message);

            var monitors = new DeteriorationRiskMonitors(Options.Create(new RiskOptions { ModelFile = zip }), NullLogger<DeteriorationRiskMonitors>.Instance);
            Assert.Same(DeteriorationRiskMonitor.Off, monitors.Create());
            Assert.Contains("risk-features-v0", monitors.LoadFailure);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
