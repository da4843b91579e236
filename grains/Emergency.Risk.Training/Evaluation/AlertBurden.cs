using System.Text.Json.Serialization;
using Emergency.Risk.Training.Training;

namespace Emergency.Risk.Training.Evaluation;

/// <summary>How an alerting rule (score ≥ threshold) behaves on the held-out patients' prediction times.</summary>
/// <param name="Sensitivity">Share of positive prediction times (event within 30 min) the rule flags.</param>
/// <param name="AlertsPerPatientHour">Alerts raised (a flagged time after an unflagged one, or first) per patient-hour monitored.</param>
/// <param name="AlertPrecision">Share of those alerts raised at a positive time (followed by an event within 30 min).</param>
/// <param name="MedianLeadMinutes">Median over detected events of the time from the first alert in the 2 hours before the event to the event.</param>
/// <param name="EventsDetected">Events with such an alert.</param>
/// <param name="Events">Events among the held-out patients with at least one prediction time before them.</param>
/// <param name="Leads">Lead time in minutes per detected event, by patient index (for paired comparisons).</param>
public sealed record AlertBurden(double Threshold, double Sensitivity, double AlertsPerPatientHour, double AlertPrecision,
    double MedianLeadMinutes, int EventsDetected, int Events,
    [property: JsonIgnore] IReadOnlyDictionary<int, double> Leads)
{
    /// <summary>Median over events both rules detect of how much earlier this rule alerted than <paramref name="other"/>.</summary>
    public double MedianLeadGainedOver(AlertBurden other) =>
        AlertBurdens.Median([.. Leads.Where(l => other.Leads.ContainsKey(l.Key)).Select(l => l.Value - other.Leads[l.Key])]);
}

public static class AlertBurdens
{
    private const long LeadWindowMs = 2 * 60 * 60_000;

    /// <param name="rows">Held-out rows in patient and time order, at a regular step.</param>
    public static AlertBurden Of(IReadOnlyList<FeatureRow> rows, float[] scores, double threshold, TimeSpan step)
    {
        int positives = 0, flaggedPositives = 0, alerts = 0, alertsAtPositive = 0, events = 0;
        var leads = new Dictionary<int, double>();
        var i = 0;
        while (i < rows.Count)
        {
            var patient = rows[i].PatientIndex;
            var previous = false;
            long? firstAlertBeforeEvent = null;
            var eventAt = rows[i].EventAtMs;
            var hasPositive = false;
            for (; i < rows.Count && rows[i].PatientIndex == patient; i++)
            {
                var flagged = scores[i] >= threshold;
                if (rows[i].Label)
                {
                    positives++;
                    hasPositive = true;
                    if (flagged) flaggedPositives++;
                }
                if (flagged && !previous)
                {
                    alerts++;
                    if (rows[i].Label) alertsAtPositive++;
                }
                if (flagged && firstAlertBeforeEvent is null && eventAt is { } e && e - rows[i].AtMs <= LeadWindowMs)
                {
                    firstAlertBeforeEvent = rows[i].AtMs;
                }
                previous = flagged;
            }
            if (eventAt is { } ev && hasPositive)
            {
                events++;
                if (firstAlertBeforeEvent is { } first) leads[patient] = (ev - first) / 60_000.0;
            }
        }
        var hours = rows.Count * step.TotalHours;
        var median = Median([.. leads.Values]);
        return new AlertBurden(threshold,
            positives == 0 ? double.NaN : (double)flaggedPositives / positives,
            hours == 0 ? double.NaN : alerts / hours,
            alerts == 0 ? double.NaN : (double)alertsAtPositive / alerts,
            median, leads.Count, events, leads);
    }

    internal static double Median(List<double> values)
    {
        if (values.Count == 0) return double.NaN;
        values.Sort();
        return values.Count % 2 == 1 ? values[values.Count / 2] : (values[values.Count / 2 - 1] + values[values.Count / 2]) / 2;
    }

    /// <summary>The highest threshold at which <paramref name="scores"/> flags at least <paramref name="sensitivity"/> of the positive rows.</summary>
    public static double ThresholdForSensitivity(IReadOnlyList<FeatureRow> rows, float[] scores, double sensitivity)
    {
        var positive = new List<float>();
        for (var i = 0; i < rows.Count; i++)
        {
            if (rows[i].Label) positive.Add(scores[i]);
        }
        if (positive.Count == 0) return 1;
        positive.Sort((a, b) => b.CompareTo(a));
        var needed = (int)Math.Ceiling(sensitivity * positive.Count);
        return positive[Math.Clamp(needed - 1, 0, positive.Count - 1)];
    }
}
