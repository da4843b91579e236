using Emergency.Domain.Alerts;
using Emergency.Domain.Devices;
using Emergency.Domain.Vitals;
using Emergency.Grains.Devices;
using Emergency.Grains.Patients;
using Emergency.Risk;
using static Emergency.Grains.Tests.Frames;

namespace Emergency.Grains.Tests;

/// <summary>The patient grain serves the learned deterioration risk from the shipped model.</summary>
[Collection(ClusterCollection.Name)]
public sealed class PatientRiskTests(ClusterFixture fx)
{
    private static readonly DeviceRef Amb = new(DeviceKind.Ambulance, "AMB-R1");

    [Fact]
    public async Task A_deteriorating_patient_s_risk_rises_names_the_shipped_model_and_raises_a_predicted_alert()
    {
        var manifest = RiskModelManifest.Read(RiskModelManifest.PathFor(RiskOptions.ShippedModelFile));
        var id = Unique("P");
        var patient = fx.Grains.GetGrain<IPatientGrain>(id);
        var seq = 0L;

        // 10 minutes stable, a frame every 15 s (blood pressure every 3 minutes, temperature once).
        await Stream(patient, id, minutes: 10, seq0: () => ++seq, at: m => Vitals(m, hr: 78, rr: 15, spo2: 98, sbp: 128));
        var stable = (await patient.GetState())!.Risk;

        // Then 25 minutes of compensated shock: pulse and breathing up, pressure and saturation down.
        await Stream(patient, id, minutes: 25, seq0: () => ++seq,
            at: m => Vitals(m, hr: 78 + 2.4 * m, rr: 15 + 0.6 * m, spo2: 98 - 0.3 * m, sbp: 128 - 2.0 * m));
        var state = (await patient.GetState())!;
        var worse = state.Risk;

        Assert.NotNull(stable);
        Assert.NotNull(worse);
        Assert.Equal(manifest.ModelVersion, worse.ModelVersion);
        Assert.Contains("simulated", worse.TrainedOn);
        Assert.True(worse.Probability > stable.Probability, $"risk {stable.Probability:0.000} → {worse.Probability:0.000}");
        Assert.True(stable.Probability < manifest.AlertThreshold);
        Assert.True(worse.AboveThreshold, $"risk {worse.Probability:0.000} below the threshold {manifest.AlertThreshold}");
        Assert.NotEmpty(worse.TopFactors);
        var predicted = Assert.Single(state.OpenAlerts, a => a.Kind == AlertKind.Predicted);
        Assert.Contains($"model {manifest.ModelVersion}", predicted.Reason);
    }

    private async Task Stream(IPatientGrain patient, string id, int minutes, Func<long> seq0, Func<double, VitalSigns> at)
    {
        for (var minute = 0; minute < minutes; minute++)
        {
            var frames = new List<VitalsFrame>(4);
            for (var q = 0; q < 4; q++)
            {
                fx.Clock.Advance(TimeSpan.FromSeconds(15));
                var offset = minute + q / 4.0;
                var vitals = at(offset);
                // NIBP every 3 minutes, the thermometer once.
                vitals = vitals with { Sbp = q == 0 && minute % 3 == 0 ? vitals.Sbp : null, Dbp = null, Temp = minute == 0 && q == 0 ? 36.9 : null };
                frames.Add(Frame(id, seq0(), fx.Clock.GetUtcNow(), vitals));
            }
            await patient.ApplyVitals("sh", Amb, [.. frames]);
        }
    }

    private static VitalSigns Vitals(double minute, double hr, double rr, double spo2, double sbp) =>
        new(Math.Round(hr), Math.Round(rr), Math.Round(Math.Max(spo2, 80)), Math.Round(Math.Max(sbp, 60)), 70, null, Acvpu.Alert, false, Spo2Scale.Scale1);
}
