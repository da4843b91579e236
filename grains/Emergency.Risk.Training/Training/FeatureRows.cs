using Emergency.Domain.Risk;
using Emergency.Domain.Vitals;
using Emergency.Risk.Training.Records;

namespace Emergency.Risk.Training.Training;

/// <summary>
/// Turns patients into model rows: the frames go into a <see cref="VitalsWindow"/> in time order (as they reach a
/// patient grain), and at every prediction time the shared <see cref="RiskFeatureBuilder"/> reads it, so training
/// sees exactly what serving will.
/// </summary>
public static class FeatureRows
{
    /// <summary>The window retention the patient grain uses by default.</summary>
    public static readonly TimeSpan WindowRetention = TimeSpan.FromMinutes(60);

    /// <summary>No prediction before this much monitoring.</summary>
    public static readonly TimeSpan Warmup = TimeSpan.FromMinutes(2);

    /// <summary>
    /// Rows every <paramref name="step"/> from <see cref="Warmup"/> after the first frame until the last frame, and
    /// never at or after the patient's event.
    /// </summary>
    public static List<FeatureRow> Build(IReadOnlyList<PatientRecord> patients, TimeSpan step)
    {
        var rows = new List<FeatureRow>();
        for (var p = 0; p < patients.Count; p++)
        {
            AddPatient(rows, p, patients[p], step);
        }
        return rows;
    }

    private static void AddPatient(List<FeatureRow> rows, int index, PatientRecord patient, TimeSpan step)
    {
        var frames = patient.Frames;
        if (frames.Count == 0) return;
        var window = new VitalsWindow(WindowRetention);
        var context = new RiskContext(patient.AgeYears, false);
        var stepMs = (long)step.TotalMilliseconds;
        var lastMs = frames[^1].TimestampMs;
        var next = 0;
        for (var at = frames[0].TimestampMs + (long)Warmup.TotalMilliseconds; at <= lastMs; at += stepMs)
        {
            if (patient.OutcomeAtMs is { } e && at >= e) break;
            while (next < frames.Count && frames[next].TimestampMs <= at)
            {
                window.Add(DateTimeOffset.FromUnixTimeMilliseconds(frames[next].TimestampMs), frames[next].Vitals);
                next++;
            }
            var features = new float[RiskFeatures.Count];
            RiskFeatureBuilder.Build(window.Samples, context, at, features);
            var news2 = features[RiskFeatures.News2];
            rows.Add(new FeatureRow(index, at, features, DeteriorationLabel.IsPositive(at, patient.OutcomeAtMs), patient.OutcomeAtMs,
                float.IsNaN(news2) ? 0 : news2));
        }
    }
}
