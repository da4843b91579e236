using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;

namespace Emergency.Handover.Fhir;

/// <summary>FHIR JSON in and out (the <c>application/fhir+json</c> wire form).</summary>
public static class FhirJson
{
    public const string MediaType = "application/fhir+json";

    public static string Serialize(Bundle bundle, bool pretty = false) => bundle.ToJson(pretty);

    public static Bundle Parse(string json) => new FhirJsonDeserializer().Deserialize<Bundle>(json);
}
