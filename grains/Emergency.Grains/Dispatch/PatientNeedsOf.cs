using System.Text.Json;
using Emergency.Domain.Dispatch;
using Emergency.Domain.Geo;
using Emergency.Domain.Patients;
using Emergency.Domain.Scoring;
using Emergency.Grains.Patients;

namespace Emergency.Grains.Dispatch;

/// <summary>
/// What the ranking needs of a patient, from the crew's context and the current NEWS2. One mapping for the
/// recommendation and for the destination decision, so a resus bay is held exactly for the patients the ranking
/// asked one for.
/// </summary>
public static class PatientNeedsOf
{
    /// <summary>The patient's needs at <paramref name="position"/>; the NEWS2 risk is null while nothing is scored.</summary>
    public static PatientNeeds From(PatientSnapshot patient, GeoPoint position)
    {
        var context = patient.Context;
        var condition = context?.Condition is { } category && DispatchConditionCodes.TryParse(category.ToCode(), out var parsed)
            ? parsed
            : DispatchCondition.Other;
        var n = patient.News2;
        News2Risk? risk = n.Rr is null && n.Spo2 is null && n.Sbp is null && n.Hr is null && n.Acvpu is null && n.Temp is null
            ? null
            : n.Risk;
        return new PatientNeeds(position, condition, risk,
            LvoSuspected: context?.LvoSuspected == true,
            TraumaRedCriteria: context is null ? null : RedCriteria(context),
            AgeYears: context?.AgeYears,
            Pregnant: context?.Pregnant == true,
            PatientId: patient.PatientId);
    }

    /// <summary>
    /// The crew's red criteria as the ranking's codes. A criterion recorded in words the ranking does not know still
    /// means "red criteria met": it counts as the first listed criterion, so the patient is treated as major trauma.
    /// </summary>
    private static List<TraumaRedCriterion> RedCriteria(PatientContext context)
    {
        var result = new List<TraumaRedCriterion>();
        foreach (var text in context.TraumaRedCriteria)
        {
            try
            {
                result.Add(JsonSerializer.Deserialize<TraumaRedCriterion>(JsonSerializer.Serialize(text)));
            }
            catch (JsonException)
            {
                result.Add(TraumaRedCriterion.PenetratingInjury);
            }
        }
        return result.Distinct().ToList();
    }
}
