using Emergency.Domain.Vitals;

namespace Emergency.Risk.Training.Records;

/// <summary>One measurement of a patient: when, and the values present (others null).</summary>
public readonly record struct TimedFrame(long TimestampMs, VitalSigns Vitals);

/// <summary>
/// One patient's training data: the frames in time order, context, and the outcome event if there was one. The same
/// shape whether it came from the simulated cohort or from a hospital's records (CSV, <see cref="RiskCsvImporter"/>).
/// </summary>
public sealed class PatientRecord
{
    public required string PatientId { get; init; }
    public int? AgeYears { get; init; }
    public List<TimedFrame> Frames { get; } = [];

    /// <summary>The outcome event's name (e.g. <c>septic-shock</c>); null when the patient had none.</summary>
    public string? Outcome { get; init; }

    public long? OutcomeAtMs { get; init; }
}
