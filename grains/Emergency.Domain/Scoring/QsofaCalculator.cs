using Emergency.Domain.Vitals;

namespace Emergency.Domain.Scoring;

/// <summary>
/// Quick Sequential Organ Failure Assessment (qSOFA): respiratory rate ≥ 22/min, altered mentation, systolic blood
/// pressure ≤ 100 mmHg; one point each, positive at 2 or more.
/// </summary>
/// <remarks>
/// <para>
/// Source: Singer M, Deutschman CS, Seymour CW, et al. <i>The Third International Consensus Definitions for Sepsis
/// and Septic Shock (Sepsis-3)</i>. JAMA 2016;315(8):801–810 (doi:10.1001/jama.2016.0287), derived in
/// Seymour CW, et al. JAMA 2016;315(8):762–774. qSOFA flags infected patients at risk of a poor outcome outside the
/// ICU; it is a prompt to look for sepsis, not a diagnosis.
/// </para>
/// <para>
/// Altered mentation is defined in Sepsis-3 as a Glasgow Coma Scale below 15. The service records consciousness on
/// the ACVPU scale, so any level other than <see cref="Acvpu.Alert"/> (new confusion, voice, pain, unresponsive)
/// counts: each of them implies a GCS below 15.
/// </para>
/// <para>
/// Rounding matches <see cref="News2Calculator"/>: respiratory rate and systolic pressure are rounded to the nearest
/// whole number, halves away from zero, before comparison (21.5 → 22 → met; 100.5 → 101 → not met), so the two
/// scores never disagree about the same reading. A missing (null or NaN) input leaves its criterion
/// <see cref="CriterionState.Unknown"/>.
/// </para>
/// </remarks>
public static class QsofaCalculator
{
    /// <summary>Respiratory rate (breaths/min) at or above which the criterion is met.</summary>
    public const int RespiratoryRateThreshold = 22;

    /// <summary>Systolic pressure (mmHg) at or below which the criterion is met.</summary>
    public const int SystolicThreshold = 100;

    /// <summary>Points at or above which qSOFA is positive.</summary>
    public const int PositiveThreshold = 2;

    /// <summary>Evaluates the three criteria on <paramref name="vitals"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The ACVPU level is not a defined value.</exception>
    public static QsofaResult Score(in VitalSigns vitals)
    {
        var rr = RespiratoryRate(vitals.Rr);
        var mentation = AlteredMentation(vitals.Acvpu);
        var sbp = Systolic(vitals.Sbp);

        int points = (rr == CriterionState.Met ? 1 : 0)
            + (mentation == CriterionState.Met ? 1 : 0)
            + (sbp == CriterionState.Met ? 1 : 0);
        bool complete = rr != CriterionState.Unknown
            && mentation != CriterionState.Unknown
            && sbp != CriterionState.Unknown;

        return new QsofaResult(points, points >= PositiveThreshold, complete, rr, mentation, sbp);
    }

    /// <summary>Respiratory rate ≥ 22/min (after rounding to a whole number).</summary>
    public static CriterionState RespiratoryRate(double? breathsPerMinute) =>
        Known(breathsPerMinute, out double rr)
            ? Met(Math.Round(rr, MidpointRounding.AwayFromZero) >= RespiratoryRateThreshold)
            : CriterionState.Unknown;

    /// <summary>Altered mentation: any ACVPU level other than alert.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="level"/> is not a defined value.</exception>
    public static CriterionState AlteredMentation(Acvpu? level) => level switch
    {
        null => CriterionState.Unknown,
        Acvpu.Alert => CriterionState.NotMet,
        Acvpu.NewConfusion or Acvpu.Voice or Acvpu.Pain or Acvpu.Unresponsive => CriterionState.Met,
        _ => throw new ArgumentOutOfRangeException(nameof(level), level, "Not a defined value."),
    };

    /// <summary>Systolic pressure ≤ 100 mmHg (after rounding to a whole number).</summary>
    public static CriterionState Systolic(double? mmHg) =>
        Known(mmHg, out double sbp)
            ? Met(Math.Round(sbp, MidpointRounding.AwayFromZero) <= SystolicThreshold)
            : CriterionState.Unknown;

    private static CriterionState Met(bool met) => met ? CriterionState.Met : CriterionState.NotMet;

    private static bool Known(double? value, out double known)
    {
        known = value.GetValueOrDefault();
        return value.HasValue && !double.IsNaN(known);
    }
}
