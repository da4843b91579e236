using Emergency.Risk.Training.Records;

namespace Emergency.Risk.Training.Training;

/// <summary>Splits patients (never rows) into training, validation and held-out test sets, deterministic by seed.</summary>
public sealed record PatientSplit(IReadOnlyList<PatientRecord> Train, IReadOnlyList<PatientRecord> Validation, IReadOnlyList<PatientRecord> Test)
{
    public static PatientSplit Of(IReadOnlyList<PatientRecord> patients, double testFraction, double validationFraction, int seed)
    {
        var order = patients.OrderBy(p => p.PatientId, StringComparer.Ordinal).ToArray();
        new Random(seed).Shuffle(order);
        var test = (int)Math.Round(order.Length * testFraction);
        var validation = (int)Math.Round(order.Length * validationFraction);
        return new PatientSplit(order[(test + validation)..], order[test..(test + validation)], order[..test]);
    }
}
