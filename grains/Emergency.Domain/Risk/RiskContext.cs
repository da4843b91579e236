using Emergency.Domain.Patients;

namespace Emergency.Domain.Risk;

/// <summary>What the risk features take from the patient beyond the vital signs.</summary>
/// <param name="AgeYears">Age in whole years; null when not recorded (the feature is then missing, not zero).</param>
/// <param name="HypercapnicRespiratoryFailure">SpO2 scale 2 applies even when a frame does not say so.</param>
public readonly record struct RiskContext(int? AgeYears, bool HypercapnicRespiratoryFailure)
{
    public static RiskContext From(PatientContext? context) =>
        new(context?.AgeYears, context?.HypercapnicRespiratoryFailure == true);
}
