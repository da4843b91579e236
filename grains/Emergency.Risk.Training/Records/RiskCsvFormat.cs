namespace Emergency.Risk.Training.Records;

/// <summary>
/// The training-data CSV (documented in docs/risk-model.md): one row per measurement, a header row with these
/// column names, comma-separated, invariant culture. Empty means "not measured" / "unknown".
/// </summary>
public static class RiskCsvFormat
{
    public const string PatientId = "patient_id";
    public const string Time = "time";
    public const string Hr = "hr";
    public const string Rr = "rr";
    public const string Spo2 = "spo2";
    public const string Sbp = "sbp";
    public const string Dbp = "dbp";
    public const string Temp = "temp";
    public const string Acvpu = "acvpu";
    public const string O2 = "o2";
    public const string Spo2Scale = "spo2_scale";
    public const string Age = "age";
    public const string Outcome = "outcome";
    public const string OutcomeTime = "outcome_time";

    /// <summary>Every column, in the order the writer uses. The importer accepts any order.</summary>
    public static readonly IReadOnlyList<string> Columns =
        [PatientId, Time, Hr, Rr, Spo2, Sbp, Dbp, Temp, Acvpu, O2, Spo2Scale, Age, Outcome, OutcomeTime];

    /// <summary>Columns a file must have.</summary>
    public static readonly IReadOnlyList<string> Required = [PatientId, Time];
}
