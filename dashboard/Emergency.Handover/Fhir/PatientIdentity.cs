using Emergency.Handover.Identity;
using Hl7.Fhir.Model;

namespace Emergency.Handover.Fhir;

/// <summary>
/// The Patient: always the service's temporary identity (<see cref="HandoverCodes.TemporaryPatientId"/>, use
/// <c>temp</c>); once the hospital has linked its own, also its MRN (use <c>official</c>, type MR), name and date of
/// birth. Sex comes from the crew's context (the same codes as FHIR's administrative gender).
/// </summary>
public static class PatientIdentity
{
    public const string Key = "Patient";

    public static ResourceReference Add(RecordEntries entries, string patientId, string? sex, int? ageYears, IdentityLink? identity)
    {
        var patient = new Patient
        {
            Identifier =
            [
                new Identifier(HandoverCodes.TemporaryPatientId, patientId)
                {
                    Use = Identifier.IdentifierUse.Temp,
                    Type = new CodeableConcept(HandoverCodes.Local, "temporary-id", "Temporary prehospital identity"),
                },
            ],
        };
        if (sex is not null && Enum.TryParse<AdministrativeGender>(sex, ignoreCase: true, out var gender))
        {
            patient.Gender = gender;
        }
        if (identity is null)
        {
            patient.Name = [new HumanName { Use = HumanName.NameUse.Temp, Text = $"Unknown patient {patientId}" }];
        }
        else
        {
            patient.Identifier.Add(new Identifier(identity.MrnSystem, identity.Mrn)
            {
                Use = Identifier.IdentifierUse.Official,
                Type = new CodeableConcept(HandoverCodes.IdentifierType, "MR", "Medical record number"),
                Assigner = new ResourceReference { Display = identity.HospitalId },
            });
            if (identity.Family is not null || identity.Given is not null)
            {
                var name = new HumanName { Use = HumanName.NameUse.Official, Family = identity.Family };
                if (identity.Given is not null)
                {
                    name.Given = identity.Given.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                }
                patient.Name = [name];
            }
            patient.BirthDate = identity.BirthDate;
        }
        patient.Text = Narrative.Of([
            identity is null ? $"Temporary identity {patientId} (not yet reconciled)" : $"MRN {identity.Mrn} ({identity.HospitalId}), temporary identity {patientId}",
            ageYears is { } age ? $"Age {age} years (crew estimate)" : "Age not recorded",
        ]);
        return entries.Add(Key, patient);
    }
}
