namespace Emergency.Risk.Training.Records;

/// <summary>One problem in a training-data file: the row (1 = the header row), the column, and what is wrong.</summary>
public sealed record ImportError(int Row, string Column, string Problem)
{
    public override string ToString() => $"row {Row}, column {Column}: {Problem}";
}

/// <summary>The outcome of importing a file: the patients, or the problems that stopped it.</summary>
public sealed record ImportResult(IReadOnlyList<PatientRecord> Patients, IReadOnlyList<ImportError> Errors, int Rows)
{
    public bool Ok => Errors.Count == 0;
}
