using Emergency.Domain.Scoring;
using Emergency.Domain.Vitals;
using System.Globalization;
using Hl7.Fhir.Model;

namespace Emergency.Handover.Fhir;

/// <summary>
/// Builds the handover record: a FHIR R4 document Bundle whose first entry is a Composition typed LOINC 67796-3
/// (EMS patient care report) with sections in ABCDE order (Airway, Breathing, Circulation, Disability, Exposure) and
/// a Handover section, followed by the Patient, the Encounter with the EMS times, the organisations, the vital-sign
/// Observations, NEWS2 (total and sub-scores), qSOFA, shock index, Conditions and Flags.
/// </summary>
/// <remarks>
/// Ids: every entry has a name-based fullUrl, the same in every version. The Bundle's id and identifier name the
/// patient and the version (<see cref="StableIds.DocumentId"/>), so a resend of a version is the same document.
/// The Composition is <c>preliminary</c> until transfer of care, then <c>final</c>.
/// </remarks>
public static class BundleBuilder
{
    /// <summary>Section titles in the order they appear.</summary>
    public static readonly IReadOnlyList<string> SectionOrder = ["A - Airway", "B - Breathing", "C - Circulation", "D - Disability", "E - Exposure", "Handover"];

    public static Bundle Build(HandoverInput input)
    {
        var patient = input.Patient;
        var entries = new RecordEntries(patient.PatientId);
        var composition = new Composition(); // first entry of a document: added before the others
        entries.Add("Composition", composition);

        PatientIdentity.Add(entries, patient.PatientId, patient.Context?.Sex, patient.Context?.AgeYears, input.Identity);
        var ems = entries.Add("Organization/ems", new Organization
        {
            Identifier = [new Identifier("urn:emergency:region", patient.Region)],
            Name = $"Emergency medical service, region {patient.Region}" + (input.UnitId is { } unit ? $", unit {unit}" : ""),
        });
        ResourceReference? hospital = null;
        if (patient.Destination is { } destination)
        {
            hospital = entries.Add($"Organization/{destination.HospitalId}", new Organization
            {
                Identifier = [new Identifier(HandoverCodes.HospitalId, destination.HospitalId)],
                Name = input.HospitalName ?? destination.HospitalId,
            });
        }
        EncounterTimeline.Add(entries, input, hospital, ems);

        var vitals = VitalSignObservations.Add(entries, patient.Vitals, patient.VitalsAt);
        var news2 = News2Observations.Add(entries, patient.News2, patient.VitalsAt, vitals);
        var qsofa = SepsisAndShockObservations.AddQsofa(entries, patient.Qsofa, patient.VitalsAt, vitals);
        var shockIndex = SepsisAndShockObservations.AddShockIndex(entries, patient.ShockIndex, patient.VitalsAt, vitals);
        var conditions = WorkingConditions.Add(entries, patient.Context, input.IssuedAt);
        var flags = AlertFlags.Add(entries, input.OpenAlerts.Concat(input.PastAlerts));

        composition.Identifier = new Identifier(HandoverCodes.Rfc3986, StableIds.Urn($"{patient.PatientId}/report"));
        composition.Status = input.TransferOfCareAt is null ? CompositionStatus.Preliminary : CompositionStatus.Final;
        composition.Type = new CodeableConcept(HandoverCodes.Loinc, HandoverCodes.EmsPatientCareReport, "EMS patient care report - version 3 Document NEMSIS");
        composition.Subject = entries.Patient;
        composition.Encounter = entries.Encounter;
        composition.Date = Instant(input.IssuedAt);
        composition.Author = [ems];
        composition.Title = $"Prehospital handover record for {patient.PatientId}";
        composition.Section =
        [
            Section(SectionOrder[0], "airway", Narrative.Of([Airway(patient)]), []),
            Section(SectionOrder[1], "breathing", Narrative.Of(Breathing(patient)),
                Present(entries, VitalSignObservations.Rr, VitalSignObservations.Spo2, VitalSignObservations.O2, "Observation/news2-rr", "Observation/news2-spo2", "Observation/news2-o2")),
            Section(SectionOrder[2], "circulation", Narrative.Of(Circulation(patient)),
                [.. Present(entries, VitalSignObservations.Hr, VitalSignObservations.Bp, "Observation/news2-hr", "Observation/news2-sbp"), .. shockIndex is null ? [] : new[] { shockIndex }]),
            Section(SectionOrder[3], "disability", Narrative.Of(Disability(patient)),
                Present(entries, VitalSignObservations.Acvpu, "Observation/news2-acvpu")),
            Section(SectionOrder[4], "exposure", Narrative.Of(Exposure(patient)),
                Present(entries, VitalSignObservations.Temp, "Observation/news2-temp")),
            Section(SectionOrder[5], "handover", Narrative.Of(HandoverLines(input)),
                [news2, .. qsofa is null ? [] : new[] { qsofa }, .. conditions, .. flags]),
        ];

        var bundle = new Bundle
        {
            Type = Bundle.BundleType.Document,
            Timestamp = input.IssuedAt,
        };
        if (input.Version > 0)
        {
            bundle.Id = StableIds.DocumentId(patient.PatientId, input.Version);
            bundle.Identifier = new Identifier(HandoverCodes.Rfc3986, StableIds.Urn($"{patient.PatientId}/document/{input.Version}"));
            bundle.Meta = new Meta { VersionId = input.Version.ToString(CultureInfo.InvariantCulture) };
        }
        else
        {
            // Built on request, not delivered: a snapshot document of its own.
            bundle.Identifier = new Identifier(HandoverCodes.Rfc3986, "urn:uuid:" + Guid.NewGuid());
        }
        bundle.Entry.AddRange(entries.All);
        return bundle;
    }

    private static List<ResourceReference> Present(RecordEntries entries, params string[] keys) =>
        [.. keys.Where(k => entries.All.Any(e => e.FullUrl == entries.Reference(k).Reference)).Select(k => entries.Reference(k))];

    private static Composition.SectionComponent Section(string title, string code, Hl7.Fhir.Model.Narrative text, List<ResourceReference> entries) => new()
    {
        Title = title,
        Code = new CodeableConcept(HandoverCodes.Local, "section-" + code, title),
        Text = text,
        Entry = entries,
    };

    private static string Instant(DateTimeOffset at) => at.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fffK", CultureInfo.InvariantCulture);

    private static string F(double? value, string unit) => value is { } v ? $"{v.ToString("0.#", CultureInfo.InvariantCulture)} {unit}" : "not measured";

    private static string Airway(Grains.Patients.PatientSnapshot p) =>
        p.Vitals.Acvpu is { } a ? $"Airway not assessed by the monitor; consciousness {a.ToCode()} (ACVPU)" : "Airway not assessed by the monitor";

    private static IEnumerable<string> Breathing(Grains.Patients.PatientSnapshot p) =>
    [
        $"Respiratory rate {F(p.Vitals.Rr, "/min")} (NEWS2 {Sub(p.News2.Rr)})",
        $"SpO2 {F(p.Vitals.Spo2, "%")} (NEWS2 {Sub(p.News2.Spo2)}), {(p.Vitals.O2 switch { true => "on supplemental oxygen", false => "on room air", null => "oxygen not recorded" })} (NEWS2 {Sub(p.News2.O2)})",
    ];

    private static IEnumerable<string> Circulation(Grains.Patients.PatientSnapshot p) =>
    [
        $"Heart rate {F(p.Vitals.Hr, "/min")} (NEWS2 {Sub(p.News2.Hr)})",
        $"Blood pressure {F(p.Vitals.Sbp, "")}/{F(p.Vitals.Dbp, "mmHg")} (NEWS2 {Sub(p.News2.Sbp)})",
        p.ShockIndex is { } si ? $"Shock index {si.Value.ToString("0.00", CultureInfo.InvariantCulture)} ({si.Band.ToCode()})" : "Shock index not known",
    ];

    private static IEnumerable<string> Disability(Grains.Patients.PatientSnapshot p) =>
    [
        p.Vitals.Acvpu is { } a ? $"ACVPU {a.ToCode()} (NEWS2 {Sub(p.News2.Acvpu)})" : "ACVPU not recorded",
        "GCS not recorded",
    ];

    private static IEnumerable<string> Exposure(Grains.Patients.PatientSnapshot p) =>
        [$"Temperature {F(p.Vitals.Temp, "°C")} (NEWS2 {Sub(p.News2.Temp)})"];

    private static IEnumerable<string> HandoverLines(HandoverInput input)
    {
        var p = input.Patient;
        yield return $"NEWS2 {p.News2.Total} ({p.News2.Risk.ToCode()} risk{(p.News2.Complete ? "" : ", incomplete")})";
        if (p.Qsofa is { } q) yield return $"qSOFA {q.Points}{(q.Positive ? " (positive)" : "")}";
        if (p.Context?.Condition is { } c) yield return "Working impression: " + WorkingConditions.Impression(c, p.Context);
        yield return $"{input.OpenAlerts.Length} open alert(s), {input.PastAlerts.Length} past";
        if (p.Destination is { } d)
        {
            yield return $"Destination {input.HospitalName ?? d.HospitalId} ({d.HospitalId}), decided by {d.DecidedBy} at {Instant(d.DecidedAt)}"
                + (d.Reason is { } r ? $": {r}" : "")
                + (d.RecommendedRank is { } rank ? $" (rank {rank} of the recommendation)" : " (no recommendation asked)");
            if (d.ResusHoldBasis is { } hold) yield return $"Resuscitation bay requested: {hold}";
            if (d.ArrivedAt is { } arrived) yield return $"Arrived {Instant(arrived)}";
            else if (d.EtaAt is { } eta) yield return $"Expected {Instant(eta)} ({d.EtaMinutes?.ToString("0.#", CultureInfo.InvariantCulture)} min)";
        }
        foreach (var (name, at) in EncounterTimeline.Times(input)) yield return $"{name}: {Instant(at)}";
    }

    private static string Sub(int? score) => score?.ToString(CultureInfo.InvariantCulture) ?? "-";
}
