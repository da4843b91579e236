namespace Emergency.Risk.Training.Evaluation;

/// <summary>One row of the report's comparison table.</summary>
/// <param name="LeadGainedMinutes">For a model row: median, over events both it and the NEWS2 rule detect, of how many
/// minutes earlier the model alerted; null for the NEWS2 rows.</param>
public sealed record RuleResult(string Rule, Interval Auroc, Interval Auprc, AlertBurden Burden, double? LeadGainedMinutes = null);

/// <summary>Everything the report says.</summary>
public sealed record EvaluationReport
{
    public required string ModelVersion { get; init; }
    public required string TrainedOn { get; init; }
    public required string Command { get; init; }
    public required int TrainPatients { get; init; }
    public required int ValidationPatients { get; init; }
    public required int TestPatients { get; init; }
    public required int TrainRows { get; init; }
    public required int TestRows { get; init; }
    public required double TestPositiveRate { get; init; }
    public required double TestPatientHours { get; init; }
    public required IReadOnlyList<RuleResult> Rules { get; init; }
    public required IReadOnlyList<CalibrationBin> Calibration { get; init; }
    public required double TrainSeconds { get; init; }
    public required double ModelAlertThreshold { get; init; }
}
