using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Emergency.Risk.Training.Evaluation;

/// <summary>Writes the evaluation report as Markdown (for people) and JSON (for tools).</summary>
public static class ReportWriter
{
    public static string Markdown(EvaluationReport r)
    {
        var s = new StringBuilder();
        var c = CultureInfo.InvariantCulture;
        s.AppendLine($"# Deterioration-risk model {r.ModelVersion}: held-out evaluation").AppendLine();
        s.AppendLine($"**Trained on {r.TrainedOn}. Not validated for clinical use.**").AppendLine();
        s.AppendLine($"Reproduce: `{r.Command}`").AppendLine();
        s.AppendLine(string.Create(c, $"Patients: {r.TrainPatients} training, {r.ValidationPatients} validation (threshold), {r.TestPatients} held out. "
            + $"Rows (prediction times): {r.TrainRows} training, {r.TestRows} held out ({r.TestPatientHours:0} patient-hours, "
            + $"{r.TestPositiveRate:P1} with an event within 30 min). Training took {r.TrainSeconds:0.0} s.")).AppendLine();
        s.AppendLine("Label: a deterioration event (defined by the patient's course, not by vital-sign thresholds) within 30 minutes. "
            + "AUROC and AUPRC with patient-bootstrap 95 % intervals. Alerts: a flagged prediction time after an unflagged one; "
            + "the model rows use the threshold that matches the NEWS2 rule's sensitivity on the same rows. Lead time: from the first "
            + "alert in the 2 hours before an event to the event, median over the events detected; lead time gained: median, over the events "
            + "both the model row and its NEWS2 rule detect, of how many minutes earlier the model alerted (the manifest-threshold row is "
            + "compared with NEWS2 ≥ 5).").AppendLine();
        s.AppendLine("| rule | AUROC (95 % CI) | AUPRC (95 % CI) | threshold | sensitivity | alerts per patient-hour | alerts followed by an event | median lead time (min) | lead time gained vs NEWS2 (min) | events detected |");
        s.AppendLine("| --- | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        foreach (var rule in r.Rules)
        {
            var b = rule.Burden;
            s.AppendLine(string.Create(c, $"| {rule.Rule} | {rule.Auroc} | {rule.Auprc} | {b.Threshold:0.###} | {b.Sensitivity:P1} | {b.AlertsPerPatientHour:0.00} | {b.AlertPrecision:P1} | {b.MedianLeadMinutes:0.0} | {(rule.LeadGainedMinutes is { } g ? g.ToString("+0.0;-0.0;0", c) : "–")} | {b.EventsDetected} / {b.Events} |"));
        }
        s.AppendLine().AppendLine("Calibration on the held-out rows:").AppendLine();
        s.AppendLine("| predicted | rows | mean predicted | observed |");
        s.AppendLine("| --- | ---: | ---: | ---: |");
        foreach (var bin in r.Calibration)
        {
            s.AppendLine(string.Create(c, $"| {bin.From:0.0}–{bin.To:0.0} | {bin.Rows} | {bin.MeanPredicted:0.000} | {bin.Observed:0.000} |"));
        }
        s.AppendLine().AppendLine(string.Create(c, $"Alert threshold written to the manifest: {r.ModelAlertThreshold:0.###} (the probability matching NEWS2 ≥ 5's sensitivity on the validation patients)."));
        return s.ToString();
    }

    public static string Json(EvaluationReport r) => JsonSerializer.Serialize(r, new JsonSerializerOptions(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals,
    });
}
