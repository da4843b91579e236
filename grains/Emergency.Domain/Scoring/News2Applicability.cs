using Emergency.Domain.Patients;
using Emergency.Domain.Vitals;

namespace Emergency.Domain.Scoring;

/// <summary>
/// Whether NEWS2 is valid for a patient, and which SpO2 scale it uses.
/// </summary>
/// <remarks>
/// Royal College of Physicians, <i>National Early Warning Score (NEWS) 2</i>, London: RCP, 2017: NEWS2 is not
/// validated for children under 16 (use a paediatric early warning score) or in pregnancy (use an obstetric one), and
/// SpO2 scale 2 is for patients with confirmed hypercapnic respiratory failure whose target range of 88–92 % has been
/// prescribed.
/// </remarks>
public static class News2Applicability
{
    /// <summary>Youngest age, in whole years, at which NEWS2 applies.</summary>
    public const int MinimumAgeYears = 16;

    /// <summary>
    /// NEWS2 does not apply when any of these holds (the reasons are joined with "; "):
    /// <list type="bullet">
    /// <item>age under 16 → "under 16 years (age N)";</item>
    /// <item>pregnant → "pregnant";</item>
    /// <item>no age recorded and the condition is <see cref="ConditionCategory.Paediatric"/> → "paediatric patient";</item>
    /// <item>pregnancy not recorded (null) and the condition is <see cref="ConditionCategory.Obstetric"/> →
    /// "obstetric patient".</item>
    /// </list>
    /// A recorded value wins over the category (a 40-year-old filed as paediatric is scored; an obstetric patient
    /// recorded as not pregnant, e.g. post-partum, is scored). Without a context NEWS2 applies: the default adult.
    /// </summary>
    public static News2ApplicabilityResult Evaluate(PatientContext? context)
    {
        if (context is null) return News2ApplicabilityResult.Yes;

        List<string>? reasons = null;
        if (context.AgeYears is int age && age < MinimumAgeYears)
        {
            (reasons ??= []).Add($"under {MinimumAgeYears} years (age {age})");
        }
        else if (context.AgeYears is null && context.Condition == ConditionCategory.Paediatric)
        {
            (reasons ??= []).Add("paediatric patient");
        }

        if (context.Pregnant == true)
        {
            (reasons ??= []).Add("pregnant");
        }
        else if (context.Pregnant is null && context.Condition == ConditionCategory.Obstetric)
        {
            (reasons ??= []).Add("obstetric patient");
        }

        return reasons is null ? News2ApplicabilityResult.Yes : News2ApplicabilityResult.No(string.Join("; ", reasons));
    }

    /// <summary>
    /// The SpO2 scale to score with. Precedence: a scale the frame states explicitly; otherwise scale 2 when the
    /// context records hypercapnic respiratory failure; otherwise scale 1.
    /// </summary>
    /// <remarks>
    /// The frame's explicit value wins because it is the setting at the bedside, the most recent clinical decision
    /// (scale 2 must be prescribed, and a clinician may switch back to scale 1 when the patient is no longer
    /// retaining CO2). The context only fills in what the device does not say.
    /// </remarks>
    public static Spo2Scale EffectiveSpo2Scale(PatientContext? context, Spo2Scale? frameScale)
    {
        if (frameScale is { } explicitScale) return explicitScale;
        return context?.HypercapnicRespiratoryFailure == true ? Spo2Scale.Scale2 : Spo2Scale.Scale1;
    }
}
