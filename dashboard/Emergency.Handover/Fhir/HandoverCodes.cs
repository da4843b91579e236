namespace Emergency.Handover.Fhir;

/// <summary>
/// Code systems and codes of the handover record. LOINC and UCUM where the FHIR vital-signs profiles name them; our
/// own code system (<see cref="Local"/>) for the scores and findings that have no code we could confirm (NEWS2 and its
/// sub-scores, qSOFA, shock index, ACVPU, supplemental oxygen, alert kinds).
/// </summary>
public static class HandoverCodes
{
    public const string Loinc = "http://loinc.org";
    public const string Ucum = "http://unitsofmeasure.org";
    public const string ObservationCategory = "http://terminology.hl7.org/CodeSystem/observation-category";
    public const string ConditionClinical = "http://terminology.hl7.org/CodeSystem/condition-clinical";
    public const string ConditionVerification = "http://terminology.hl7.org/CodeSystem/condition-ver-status";
    public const string ConditionCategory = "http://terminology.hl7.org/CodeSystem/condition-category";
    public const string FlagCategory = "http://terminology.hl7.org/CodeSystem/flag-category";
    public const string ActCode = "http://terminology.hl7.org/CodeSystem/v3-ActCode";
    public const string IdentifierType = "http://terminology.hl7.org/CodeSystem/v2-0203";
    public const string Rfc3986 = "urn:ietf:rfc:3986";

    /// <summary>The service's own code system for what has no standard code here.</summary>
    public const string Local = "urn:emergency:fhir:codes";

    /// <summary>The service's temporary patient ids (the <c>patientId</c> of the API and the devices).</summary>
    public const string TemporaryPatientId = "urn:emergency:patient-id";

    /// <summary>Hospital ids of the region file.</summary>
    public const string HospitalId = "urn:emergency:hospital-id";

    /// <summary>Extension on the Encounter carrying the EMS times (dispatch, on scene, departure, arrival, transfer of care).</summary>
    public const string EmsTimesExtension = "urn:emergency:fhir:StructureDefinition/ems-times";

    /// <summary>LOINC 67796-3: EMS patient care report (the Composition's type).</summary>
    public const string EmsPatientCareReport = "67796-3";

    public const string HeartRate = "8867-4";
    public const string RespiratoryRate = "9279-1";
    public const string OxygenSaturation = "2708-6";
    public const string OxygenSaturationByPulseOximetry = "59408-5";
    public const string BloodPressurePanel = "85354-9";
    public const string SystolicBp = "8480-6";
    public const string DiastolicBp = "8462-4";
    public const string BodyTemperature = "8310-5";
    public const string GlasgowComaScoreTotal = "9269-2";

    public const string ProfileHeartRate = "http://hl7.org/fhir/StructureDefinition/heartrate";
    public const string ProfileRespiratoryRate = "http://hl7.org/fhir/StructureDefinition/resprate";
    public const string ProfileOxygenSaturation = "http://hl7.org/fhir/StructureDefinition/oxygensat";
    public const string ProfileBloodPressure = "http://hl7.org/fhir/StructureDefinition/bp";
    public const string ProfileBodyTemperature = "http://hl7.org/fhir/StructureDefinition/bodytemp";
}
