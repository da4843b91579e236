using Emergency.Domain.Patients;
using Hl7.Fhir.Model;

namespace Emergency.Handover.Fhir;

/// <summary>
/// The crew's condition category and working impression as provisional Conditions. The impression adds what the
/// crew recorded beyond the category: suspected large-vessel occlusion, trauma red criteria.
/// </summary>
public static class WorkingConditions
{
    public static IReadOnlyList<ResourceReference> Add(RecordEntries entries, PatientContext? context, DateTimeOffset recordedAt)
    {
        if (context?.Condition is not { } category)
        {
            return [];
        }
        var code = category.ToCode();
        var categoryCondition = Condition(entries, recordedAt, "problem-list-item", "Problem List Item",
            new CodeableConcept(HandoverCodes.Local, "condition-" + code, Display(category)));
        var impression = Impression(category, context);
        var impressionCondition = Condition(entries, recordedAt, "encounter-diagnosis", "Encounter Diagnosis",
            new CodeableConcept { Text = impression });
        return
        [
            entries.Add("Condition/category", categoryCondition),
            entries.Add("Condition/impression", impressionCondition),
        ];
    }

    public static string Impression(ConditionCategory category, PatientContext context)
    {
        var parts = new List<string> { "Suspected " + Display(category).ToLowerInvariant() };
        if (context.LvoSuspected == true) parts.Add("large-vessel occlusion suspected");
        if (context.TraumaRedCriteria.Length > 0) parts.Add("red criteria: " + string.Join(", ", context.TraumaRedCriteria));
        if (context.Pregnant == true) parts.Add("pregnant");
        return string.Join("; ", parts);
    }

    private static Condition Condition(RecordEntries entries, DateTimeOffset at, string category, string categoryDisplay, CodeableConcept code) => new()
    {
        ClinicalStatus = new CodeableConcept(HandoverCodes.ConditionClinical, "active", "Active"),
        VerificationStatus = new CodeableConcept(HandoverCodes.ConditionVerification, "provisional", "Provisional"),
        Category = [new CodeableConcept(HandoverCodes.ConditionCategory, category, categoryDisplay)],
        Code = code,
        Subject = entries.Patient,
        Encounter = entries.Encounter,
        RecordedDateElement = new FhirDateTime(at),
    };

    public static string Display(ConditionCategory category) => category switch
    {
        ConditionCategory.Trauma => "Trauma",
        ConditionCategory.Stroke => "Stroke",
        ConditionCategory.Stemi => "ST-elevation myocardial infarction",
        ConditionCategory.Sepsis => "Sepsis",
        ConditionCategory.Respiratory => "Respiratory illness",
        ConditionCategory.Obstetric => "Obstetric emergency",
        ConditionCategory.Paediatric => "Paediatric emergency",
        _ => "Other emergency",
    };
}
