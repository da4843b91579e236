using Emergency.Handover.Fhir;
using Hl7.Fhir.Model;

namespace Emergency.Handover.Tests;

public sealed class BundleMappingTests
{
    private static Bundle Build(HandoverInput? input = null) => BundleBuilder.Build(input ?? ExamplePatients.Septic());

    private static IEnumerable<T> All<T>(Bundle bundle) where T : Resource => bundle.Entry.Select(e => e.Resource).OfType<T>();

    private static Observation ByLoinc(Bundle bundle, string code) =>
        Assert.Single(All<Observation>(bundle), o => o.Code.Coding.Any(c => c.System == HandoverCodes.Loinc && c.Code == code));

    [Fact]
    public void Is_a_document_whose_composition_is_an_EMS_patient_care_report_with_ABCDE_then_handover_sections()
    {
        var bundle = Build();
        Assert.Equal(Bundle.BundleType.Document, bundle.Type);
        var composition = Assert.IsType<Composition>(bundle.Entry[0].Resource);
        Assert.Equal(("http://loinc.org", "67796-3"), (composition.Type.Coding[0].System, composition.Type.Coding[0].Code));
        Assert.Equal(BundleBuilder.SectionOrder, composition.Section.Select(s => s.Title));
        Assert.Equal(["A - Airway", "B - Breathing", "C - Circulation", "D - Disability", "E - Exposure", "Handover"],
            composition.Section.Select(s => s.Title).ToArray());
        Assert.All(composition.Section, s => Assert.Contains("xmlns=\"http://www.w3.org/1999/xhtml\"", s.Text.Div));
        Assert.Equal(CompositionStatus.Preliminary, composition.Status);
        // Every reference in the document resolves to an entry of it.
        var fullUrls = bundle.Entry.Select(e => e.FullUrl).ToHashSet();
        Assert.All(composition.Section.SelectMany(s => s.Entry), r => Assert.Contains(r.Reference, fullUrls));
    }

    [Theory]
    [InlineData("8867-4", "/min", 118, "http://hl7.org/fhir/StructureDefinition/heartrate")]
    [InlineData("9279-1", "/min", 26, "http://hl7.org/fhir/StructureDefinition/resprate")]
    [InlineData("2708-6", "%", 91, "http://hl7.org/fhir/StructureDefinition/oxygensat")]
    [InlineData("8310-5", "Cel", 38.9, "http://hl7.org/fhir/StructureDefinition/bodytemp")]
    public void Vital_signs_follow_the_vital_signs_profiles_in_UCUM(string loinc, string ucum, double value, string profile)
    {
        var observation = ByLoinc(Build(), loinc);
        var quantity = Assert.IsType<Quantity>(observation.Value);
        Assert.Equal(("http://unitsofmeasure.org", ucum, (decimal)value), (quantity.System, quantity.Code, quantity.Value!.Value));
        Assert.Equal("vital-signs", observation.Category[0].Coding[0].Code);
        Assert.Contains(profile, observation.Meta.Profile);
        Assert.NotNull(observation.Effective);
    }

    [Fact]
    public void SpO2_carries_the_pulse_oximetry_code_and_the_oxygen_the_patient_breathes()
    {
        var spo2 = ByLoinc(Build(), "2708-6");
        Assert.Contains(spo2.Code.Coding, c => c.Code == "59408-5");
        Assert.Contains(spo2.Note, n => n.Text == "On supplemental oxygen");
    }

    [Fact]
    public void Blood_pressure_is_a_panel_of_systolic_and_diastolic_in_mm_Hg()
    {
        var bp = ByLoinc(Build(), "85354-9");
        Assert.Null(bp.Value);
        Assert.Equal(["8480-6", "8462-4"], bp.Component.Select(c => c.Code.Coding[0].Code).ToArray());
        Assert.All(bp.Component, c => Assert.Equal("mm[Hg]", Assert.IsType<Quantity>(c.Value).Code));
        Assert.Equal(92m, ((Quantity)bp.Component[0].Value).Value);
    }

    [Fact]
    public void NEWS2_total_has_its_seven_sub_scores_each_deriving_from_the_vital_it_scores()
    {
        var bundle = Build();
        var local = All<Observation>(bundle).Where(o => o.Code.Coding[0].System == HandoverCodes.Local).ToDictionary(o => o.Code.Coding[0].Code);
        var total = local["news2-total"];
        Assert.Equal(15, ((Integer)total.Value).Value);
        Assert.Equal(7, total.HasMember.Count);
        Assert.Equal("news2-risk-high", ((CodeableConcept)total.Component[0].Value).Coding[0].Code);
        var hrScore = local["news2-hr"];
        Assert.Equal(2, ((Integer)hrScore.Value).Value);
        var hr = ByLoinc(bundle, "8867-4");
        Assert.Equal(bundle.Entry.Single(e => e.Resource == hr).FullUrl, Assert.Single(hrScore.DerivedFrom).Reference);
        Assert.Equal(3, ((Integer)local["qsofa"].Value).Value);
        Assert.Equal(1.28m, ((Quantity)local["shock-index"].Value).Value);
    }

    [Fact]
    public void Patient_travels_under_a_temporary_identity_until_reconciled_then_carries_both_identifiers()
    {
        var temporary = Assert.Single(All<Patient>(Build()));
        var id = Assert.Single(temporary.Identifier);
        Assert.Equal((HandoverCodes.TemporaryPatientId, "P-1", Identifier.IdentifierUse.Temp), (id.System, id.Value, id.Use));
        Assert.Equal(AdministrativeGender.Female, temporary.Gender);

        var reconciled = Assert.Single(All<Patient>(Build(ExamplePatients.Septic(identity: ExamplePatients.Reconciled()))));
        Assert.Equal(["P-1", "MRN-0042"], reconciled.Identifier.Select(i => i.Value).ToArray());
        Assert.Equal("MR", reconciled.Identifier[1].Type.Coding[0].Code);
        Assert.Equal(("Li", "1958-04-01"), (reconciled.Name[0].Family, reconciled.BirthDate));
    }

    [Fact]
    public void Encounter_carries_the_EMS_times_and_the_destination_and_alerts_are_flags()
    {
        var bundle = Build(ExamplePatients.Septic(transferOfCare: ExamplePatients.Now.AddMinutes(14)));
        var encounter = Assert.Single(All<Encounter>(bundle));
        var times = Assert.Single(encounter.Extension, e => e.Url == HandoverCodes.EmsTimesExtension);
        Assert.Equal(["dispatch", "onScene", "departure", "transferOfCare"], times.Extension.Select(e => e.Url).ToArray());
        Assert.Equal(Encounter.EncounterStatus.Finished, encounter.Status);
        Assert.Equal(CompositionStatus.Final, ((Composition)bundle.Entry[0].Resource).Status);
        var flags = All<Flag>(bundle).ToList();
        Assert.Equal([Flag.FlagStatus.Active, Flag.FlagStatus.Inactive], flags.Select(f => f.Status!.Value).ToArray());
        Assert.Equal(2, All<Condition>(bundle).Count());
        Assert.Contains(All<Organization>(bundle), o => o.Identifier[0].Value == "H-03");
    }

    [Fact]
    public void Ids_are_stable_per_patient_and_version_and_the_record_parses_back_with_the_Firely_SDK()
    {
        var first = Build(ExamplePatients.Septic(version: 3));
        var again = Build(ExamplePatients.Septic(version: 3));
        var next = Build(ExamplePatients.Septic(version: 4));
        Assert.Equal("handover-P-1-3", first.Id);
        Assert.Equal(first.Identifier.Value, again.Identifier.Value);
        Assert.NotEqual(first.Identifier.Value, next.Identifier.Value);
        Assert.Equal(first.Entry.Select(e => e.FullUrl), next.Entry.Select(e => e.FullUrl));
        Assert.Equal(FhirJson.Serialize(first), FhirJson.Serialize(again));

        var back = FhirJson.Parse(FhirJson.Serialize(first));
        Assert.True(back.IsExactly(first));
    }
}
