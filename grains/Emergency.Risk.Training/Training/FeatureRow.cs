namespace Emergency.Risk.Training.Training;

/// <summary>One prediction time of one patient: its features, its label, and what evaluation needs.</summary>
/// <param name="PatientIndex">Index of the patient in its set (bootstrap resamples by patient).</param>
/// <param name="AtMs">The prediction time.</param>
/// <param name="EventAtMs">The patient's outcome event, if any.</param>
/// <param name="News2">NEWS2 at that time as the feature builder scored it (0 when nothing was fresh).</param>
public sealed record FeatureRow(int PatientIndex, long AtMs, float[] Features, bool Label, long? EventAtMs, float News2);
