using Emergency.Domain.Vitals;
using Hl7.Fhir.Model;

namespace Emergency.Handover.Fhir;

/// <summary>
/// The latest vital signs as Observations following the FHIR R4 vital-signs profiles (LOINC codes, UCUM units):
/// heart rate, respiratory rate, SpO2 (with whether the patient breathes supplemental oxygen), the blood-pressure
/// panel, body temperature; ACVPU and supplemental oxygen as the service's own codes. A parameter never measured
/// has no Observation. GCS is not measured by the devices, so none is made (the code is reserved in
/// <see cref="HandoverCodes.GlasgowComaScoreTotal"/>).
/// </summary>
public static class VitalSignObservations
{
    /// <summary>Entry keys, shared with the NEWS2 sub-scores that derive from them.</summary>
    public const string Hr = "Observation/hr", Rr = "Observation/rr", Spo2 = "Observation/spo2", Bp = "Observation/bp",
        Temp = "Observation/temp", Acvpu = "Observation/acvpu", O2 = "Observation/o2";

    /// <summary>Adds one Observation per known vital; answers the keys added.</summary>
    public static IReadOnlySet<string> Add(RecordEntries entries, VitalSigns vitals, DateTimeOffset? measuredAt)
    {
        var added = new HashSet<string>();
        var at = new FhirDateTime(measuredAt ?? DateTimeOffset.UtcNow);
        if (vitals.Hr is { } hr)
        {
            Add(entries, added, Hr, Vital(entries, at, HandoverCodes.ProfileHeartRate,
                Loinc(HandoverCodes.HeartRate, "Heart rate"), Quantity(hr, "beats/minute", "/min")));
        }
        if (vitals.Rr is { } rr)
        {
            Add(entries, added, Rr, Vital(entries, at, HandoverCodes.ProfileRespiratoryRate,
                Loinc(HandoverCodes.RespiratoryRate, "Respiratory rate"), Quantity(rr, "breaths/minute", "/min")));
        }
        if (vitals.Spo2 is { } spo2)
        {
            var code = Loinc(HandoverCodes.OxygenSaturation, "Oxygen saturation in Arterial blood");
            code.Coding.Add(new Coding(HandoverCodes.Loinc, HandoverCodes.OxygenSaturationByPulseOximetry,
                "Oxygen saturation in Arterial blood by Pulse oximetry"));
            var observation = Vital(entries, at, HandoverCodes.ProfileOxygenSaturation, code, Quantity(spo2, "%", "%"));
            if (vitals.O2 is { } onOxygen)
            {
                observation.Note.Add(new Annotation { Text = onOxygen ? "On supplemental oxygen" : "On room air" });
            }
            Add(entries, added, Spo2, observation);
        }
        if (vitals.Sbp is { } sbp)
        {
            var panel = Vital(entries, at, HandoverCodes.ProfileBloodPressure,
                Loinc(HandoverCodes.BloodPressurePanel, "Blood pressure panel with all children optional"), value: null);
            panel.Component.Add(Component(Loinc(HandoverCodes.SystolicBp, "Systolic blood pressure"), sbp));
            panel.Component.Add(vitals.Dbp is { } dbp
                ? Component(Loinc(HandoverCodes.DiastolicBp, "Diastolic blood pressure"), dbp)
                : new Observation.ComponentComponent
                {
                    Code = Loinc(HandoverCodes.DiastolicBp, "Diastolic blood pressure"),
                    DataAbsentReason = new CodeableConcept("http://terminology.hl7.org/CodeSystem/data-absent-reason", "not-performed", "Not Performed"),
                });
            Add(entries, added, Bp, panel);
        }
        if (vitals.Temp is { } temp)
        {
            Add(entries, added, Temp, Vital(entries, at, HandoverCodes.ProfileBodyTemperature,
                Loinc(HandoverCodes.BodyTemperature, "Body temperature"), Quantity(temp, "C", "Cel")));
        }
        if (vitals.Acvpu is { } acvpu)
        {
            var level = char.ToLowerInvariant(acvpu.ToCode());
            Add(entries, added, Acvpu, Finding(entries, at, "acvpu", "Level of consciousness (ACVPU)",
                new CodeableConcept(HandoverCodes.Local, $"acvpu-{level}", AcvpuDisplay(acvpu))));
        }
        if (vitals.O2 is { } o2)
        {
            Add(entries, added, O2, Finding(entries, at, "supplemental-oxygen", "Supplemental oxygen", new FhirBoolean(o2)));
        }
        return added;
    }

    private static void Add(RecordEntries entries, HashSet<string> added, string key, Observation observation)
    {
        entries.Add(key, observation);
        added.Add(key);
    }

    private static Observation Vital(RecordEntries entries, FhirDateTime at, string profile, CodeableConcept code, DataType? value) => new()
    {
        Meta = new Meta { Profile = [profile] },
        Status = ObservationStatus.Final,
        Category = [new CodeableConcept(HandoverCodes.ObservationCategory, "vital-signs", "Vital Signs")],
        Code = code,
        Subject = entries.Patient,
        Encounter = entries.Encounter,
        Effective = at,
        Value = value,
    };

    private static Observation Finding(RecordEntries entries, FhirDateTime at, string code, string display, DataType value) => new()
    {
        Status = ObservationStatus.Final,
        Category = [new CodeableConcept(HandoverCodes.ObservationCategory, "exam", "Exam")],
        Code = new CodeableConcept(HandoverCodes.Local, code, display),
        Subject = entries.Patient,
        Encounter = entries.Encounter,
        Effective = at,
        Value = value,
    };

    private static Observation.ComponentComponent Component(CodeableConcept code, double mmHg) =>
        new() { Code = code, Value = Quantity(mmHg, "mmHg", "mm[Hg]") };

    internal static CodeableConcept Loinc(string code, string display) => new(HandoverCodes.Loinc, code, display);

    internal static Quantity Quantity(double value, string unit, string ucum) => new()
    {
        Value = Math.Round((decimal)value, 1),
        Unit = unit,
        System = HandoverCodes.Ucum,
        Code = ucum,
    };

    private static string AcvpuDisplay(Acvpu acvpu) => acvpu switch
    {
        Domain.Vitals.Acvpu.Alert => "Alert",
        Domain.Vitals.Acvpu.NewConfusion => "New confusion",
        Domain.Vitals.Acvpu.Voice => "Responds to voice",
        Domain.Vitals.Acvpu.Pain => "Responds to pain",
        Domain.Vitals.Acvpu.Unresponsive => "Unresponsive",
        _ => acvpu.ToString(),
    };
}
