using Emergency.Handover.Fhir;
using Xunit.Abstractions;

namespace Emergency.Handover.Tests;

/// <summary>The record against the official FHIR R4 JSON schema, through a validator independent of the Firely SDK.</summary>
public sealed class SchemaValidationTests(ITestOutputHelper output)
{
    [Fact]
    public async Task The_record_validates_against_the_FHIR_R4_JSON_schema()
    {
        var json = FhirJson.Serialize(BundleBuilder.Build(ExamplePatients.Septic(identity: ExamplePatients.Reconciled(),
            transferOfCare: ExamplePatients.Now.AddMinutes(14))));
        var verdict = await FhirSchemaValidator.Validate(json);
        output.WriteLine($"schema {verdict.Schema} ({verdict.Definitions} definitions): valid={verdict.Valid} errors={verdict.Errors}");
        Assert.Equal("http://hl7.org/fhir/json-schema/4.0", verdict.Schema);
        Assert.True(verdict.Valid, verdict.Errors);
    }

    [Fact]
    public async Task The_validator_refuses_a_record_that_breaks_the_schema()
    {
        // A control: the same document with an invented Composition status must fail, or the check above proves nothing.
        var json = FhirJson.Serialize(BundleBuilder.Build(ExamplePatients.Septic())).Replace("\"status\":\"preliminary\"", "\"status\":\"sort-of\"");
        var verdict = await FhirSchemaValidator.Validate(json);
        Assert.False(verdict.Valid);
    }
}
