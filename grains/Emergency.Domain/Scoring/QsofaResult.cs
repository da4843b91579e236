namespace Emergency.Domain.Scoring;

/// <summary>
/// A quick SOFA (qSOFA) result: one point per criterion met, positive at 2 or more.
/// </summary>
/// <param name="Points">Criteria met (0–3). Unknown criteria count nothing.</param>
/// <param name="Positive">
/// Two or more criteria met. Can be true on an incomplete result: two met criteria are positive whatever the third.
/// </param>
/// <param name="Complete">All three criteria are known (met or not met).</param>
/// <param name="RespiratoryRate">Respiratory rate ≥ 22/min.</param>
/// <param name="AlteredMentation">Altered mentation: any ACVPU level other than alert.</param>
/// <param name="SystolicBp">Systolic blood pressure ≤ 100 mmHg.</param>
[GenerateSerializer, Immutable, Alias("Emergency.QsofaResult")]
public readonly record struct QsofaResult(
    [property: Id(0)] int Points,
    [property: Id(1)] bool Positive,
    [property: Id(2)] bool Complete,
    [property: Id(3)] CriterionState RespiratoryRate,
    [property: Id(4)] CriterionState AlteredMentation,
    [property: Id(5)] CriterionState SystolicBp)
{
    /// <summary>
    /// Not positive yet, but the unknown criteria could still make it positive: worth completing the observations.
    /// </summary>
    public bool CouldBePositive => !Positive && Points + UnknownCount >= QsofaCalculator.PositiveThreshold;

    private int UnknownCount =>
        (RespiratoryRate == CriterionState.Unknown ? 1 : 0)
        + (AlteredMentation == CriterionState.Unknown ? 1 : 0)
        + (SystolicBp == CriterionState.Unknown ? 1 : 0);
}
