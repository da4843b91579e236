using Hl7.Fhir.Model;

namespace Emergency.Handover.Fhir;

/// <summary>
/// The prehospital encounter with its EMS times: dispatch, on scene, departure from scene (crew status
/// <c>transporting</c>), arrival at hospital (<c>at-hospital</c> or the arrival geofence) and transfer of care. The
/// period runs from dispatch (or the first vitals) to transfer of care; each time is also a sub-extension of
/// <see cref="HandoverCodes.EmsTimesExtension"/>. The destination hospital is the hospitalization's destination.
/// </summary>
public static class EncounterTimeline
{
    public const string Key = "Encounter";

    /// <summary>The EMS times known in <paramref name="input"/>, in order, by their extension names.</summary>
    public static IReadOnlyList<(string Name, DateTimeOffset At)> Times(HandoverInput input)
    {
        var times = input.Times;
        var arrival = input.Patient.Destination?.ArrivedAt ?? times?.AtHospital;
        return new (string, DateTimeOffset?)[]
        {
            ("dispatch", times?.Dispatched),
            ("onScene", times?.OnScene),
            ("departure", times?.Transporting),
            ("arrival", arrival),
            ("transferOfCare", input.TransferOfCareAt),
        }.Where(t => t.Item2 is not null).Select(t => (t.Item1, t.Item2!.Value)).ToList();
    }

    public static ResourceReference Add(RecordEntries entries, HandoverInput input, ResourceReference? destination, ResourceReference serviceProvider)
    {
        var times = Times(input);
        var start = times.Count > 0 ? times[0].At : input.Patient.VitalsAt ?? input.IssuedAt;
        var encounter = new Encounter
        {
            Status = input.TransferOfCareAt is null ? Encounter.EncounterStatus.InProgress : Encounter.EncounterStatus.Finished,
            Class = new Coding(HandoverCodes.ActCode, "EMER", "emergency"),
            Type = [new CodeableConcept(HandoverCodes.Local, "prehospital", "Prehospital emergency care and transport")],
            Subject = entries.Patient,
            ServiceProvider = serviceProvider,
            Period = new Period
            {
                StartElement = new FhirDateTime(start),
                EndElement = input.TransferOfCareAt is { } end ? new FhirDateTime(end) : null,
            },
        };
        if (destination is not null)
        {
            encounter.Hospitalization = new Encounter.HospitalizationComponent { Destination = destination };
        }
        if (times.Count > 0)
        {
            var extension = new Extension { Url = HandoverCodes.EmsTimesExtension };
            foreach (var (name, at) in times)
            {
                extension.Extension.Add(new Extension(name, new FhirDateTime(at)));
            }
            encounter.Extension.Add(extension);
        }
        return entries.Add(Key, encounter);
    }
}
