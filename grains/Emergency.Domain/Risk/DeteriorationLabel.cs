namespace Emergency.Domain.Risk;

/// <summary>
/// What the deterioration-risk model predicts: a <b>deterioration event within the next 30 minutes</b> of the time
/// the features are built for (an event at t + 30 min counts, one at t does not). The event is an outcome recorded
/// for the patient (in the simulated cohort: the hidden course reaching shock, respiratory failure or cardiogenic
/// shock; in a hospital's records: e.g. ICU admission, vasopressors, intubation, cardiac arrest), never a vital-sign
/// threshold, so the model cannot simply learn NEWS2 back. Prediction times at or after the event are not used.
/// </summary>
public static class DeteriorationLabel
{
    /// <summary>How far ahead an event makes a prediction time positive.</summary>
    public static readonly TimeSpan Horizon = TimeSpan.FromMinutes(30);

    /// <summary>True when <paramref name="eventAtMs"/> falls in (<paramref name="atMs"/>, <paramref name="atMs"/> + <see cref="Horizon"/>].</summary>
    public static bool IsPositive(long atMs, long? eventAtMs) =>
        eventAtMs is { } e && e > atMs && e - atMs <= (long)Horizon.TotalMilliseconds;
}
